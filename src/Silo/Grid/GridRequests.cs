namespace HotlineDispatch.Silo.Grid;

/// <summary>Turns a request into a ticket: its type (else the analyzer's), and a department to dispatch to at once.</summary>
public sealed record InboxTicketRequest(string? Type, string? Dispatch);

public sealed record PatrolRequest(string? Content, string? Address, string? Type, bool? Urgent, string? Dispatch);

public sealed record SettleRequest(string? Note);

/// <summary>Dismisses an inbox item that is no request at all: why.</summary>
public sealed record DismissRequest(string? Reason);
