namespace HotlineDispatch.Tickets;

/// <summary>An open ticket whose next card is due, and the position the card sweep reads on from.</summary>
public readonly record struct DueTicket(string Id, long NextCardAtMillis);
