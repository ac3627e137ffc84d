namespace HotlineDispatch.Silo.Outbox;

/// <summary>
/// Where an outbox row's delivery stands. <c>pending</c> waits to be sent (and stays so while no sender
/// is configured); <c>sending</c> is written before each provider call; <c>unknown</c> is a send that got
/// no answer (a crash or a timeout), never sent again; <c>sent</c> the provider took it;
/// <c>delivered</c>, <c>undelivered</c> and <c>failed</c> are final.
/// </summary>
public static class OutboxStates
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Unknown = "unknown";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Undelivered = "undelivered";
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Pending, Sending, Unknown, Sent, Delivered, Undelivered, Failed];

    /// <summary>
    /// The states a provider's report of <paramref name="state"/> may replace: reports arrive out of order,
    /// and a later one never undoes a further one. A report also settles a row still pending after a
    /// refused-looking answer, so it is not sent again.
    /// </summary>
    public static IReadOnlyList<string> Before(string state) => state == Sent
        ? [Pending, Sending, Unknown]
        : [Pending, Sending, Unknown, Sent];
}
