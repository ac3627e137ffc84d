namespace HotlineDispatch.Silo.Outbox;

/// <summary>One outbox row as stored; instants are UTC.</summary>
public sealed record OutboxRow(
    string Id,
    string ReplyTo,
    string Kind,
    string Text,
    string? TicketId,
    string State,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset NextAttemptAt,
    string? ProviderId,
    string? ProviderStatus,
    string? Error)
{
    /// <summary>The <c>scheme</c> of <c>scheme:address</c>, which picks the sender.</summary>
    public string Scheme => ReplyTo[..ReplyTo.IndexOf(':')];

    public string Address => ReplyTo[(ReplyTo.IndexOf(':') + 1)..];
}
