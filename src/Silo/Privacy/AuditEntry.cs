namespace HotlineDispatch.Silo.Privacy;

/// <summary>
/// One row of the access audit. <see cref="Subject"/> names what was touched (a ticket, a user, a masked
/// number), never a full phone number: the audit outlives an erasure and must not keep what it erased.
/// </summary>
public sealed record AuditEntry(
    string Id,
    DateTimeOffset At,
    string Actor,
    string Role,
    string Action,
    string? Subject,
    string? Detail,
    string? Address);
