namespace HotlineDispatch.Channels.Outbox;

/// <summary>What a provider made of one send. Only <see cref="Retry"/> may be sent again: the others are final or unknowable.</summary>
public abstract record SendOutcome
{
    /// <summary>The outcome's name in logs and metrics.</summary>
    public string Name => this switch
    {
        Sent => "sent",
        Retry => "retry",
        Failed => "failed",
        Unknown => "unknown",
        _ => throw new System.Diagnostics.UnreachableException($"{GetType().Name} is not one of the four outcomes."),
    };

    /// <summary>The provider took the message; <see cref="ProviderId"/> is its id for status callbacks, when it gives one.</summary>
    public sealed record Sent(string? ProviderId, string? ProviderStatus) : SendOutcome;

    /// <summary>Refused before anything was sent (rate limit, server error, connection refused): try again after <see cref="After"/>, or the back-off when null.</summary>
    public sealed record Retry(TimeSpan? After, string Error) : SendOutcome;

    /// <summary>Refused for good (bad number, unknown recipient, a message the provider will not take).</summary>
    public sealed record Failed(string Error) : SendOutcome;

    /// <summary>No answer: the provider may or may not have sent it, so it must not be sent again.</summary>
    public sealed record Unknown(string Error) : SendOutcome;
}
