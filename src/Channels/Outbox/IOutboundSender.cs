namespace HotlineDispatch.Channels.Outbox;

/// <summary>Delivers outbox messages of one <c>ReplyTo</c> scheme (<c>sms</c>, <c>wechat</c>, <c>group</c>) through a provider.</summary>
public interface IOutboundSender
{
    string Scheme { get; }

    /// <summary>Whether this address can be sent to with the configured credentials (a group needs a robot).</summary>
    bool CanSend(string address);

    /// <summary>How long until the provider's rate limit lets this address be sent to; zero when it can be now.</summary>
    TimeSpan Wait(string address);

    /// <summary>The most one message may hold; the outbox sends a longer text as several messages, each within it.</summary>
    MessageLimit Limit { get; }

    /// <summary>
    /// Makes one attempt. Never retries on its own: the outbox marks the row before each attempt, so a
    /// crash in the middle is never followed by a second send.
    /// </summary>
    Task<SendOutcome> SendAsync(OutboundDelivery delivery, CancellationToken cancellationToken);
}
