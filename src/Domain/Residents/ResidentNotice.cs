namespace HotlineDispatch.Residents;

/// <summary>
/// One message a ticket event owes its resident. <see cref="Inline"/>: the channel already gave it in its
/// own answer (the receipt in a TwiML reply), so it is recorded as sent, not sent again.
/// </summary>
public sealed record ResidentNotice(string TicketId, int Seq, string Kind, string ReplyTo, string Text, bool Inline);
