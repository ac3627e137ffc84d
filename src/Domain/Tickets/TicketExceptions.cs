namespace HotlineDispatch.Tickets;

/// <summary>No ticket has this id.</summary>
[GenerateSerializer, Alias("hotline.err.ticket-not-found.v1")]
public sealed class TicketNotFoundException(string ticketId)
    : Exception($"Ticket {ticketId} does not exist.")
{
    [Id(0)] public string TicketId { get; } = ticketId;
}

/// <summary>The step is not allowed in the ticket's current state (HTTP 409).</summary>
[GenerateSerializer, Alias("hotline.err.ticket-conflict.v1")]
public sealed class TicketConflictException(TicketState state, string message) : Exception(message)
{
    [Id(0)] public TicketState State { get; } = state;
}

/// <summary>The step's input is unusable (HTTP 400, naming the field).</summary>
[GenerateSerializer, Alias("hotline.err.ticket-input.v1")]
public sealed class TicketInputException(string field, string message) : Exception(message)
{
    [Id(0)] public string Field { get; } = field;
}
