namespace HotlineDispatch.Tickets;

/// <summary>催办: an operator or a supervisor presses the department for progress on an open ticket, with a note.</summary>
[GenerateSerializer, Immutable, Alias("hotline.cmd.urge.v1")]
public sealed record UrgeTicket([property: Id(0)] string Note) : TicketCommand;
