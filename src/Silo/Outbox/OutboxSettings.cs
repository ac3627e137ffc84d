namespace HotlineDispatch.Silo.Outbox;

/// <summary><c>Hotline:Outbox</c>: how the senders work through the outbox.</summary>
public sealed class OutboxSettings
{
    public const string Section = "Hotline:Outbox";

    /// <summary>How often the outbox is checked for due rows when the last check found none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first back-off after a refused send; it doubles with each further attempt.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan LongestBackOff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts before a row that keeps being refused is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// A row still <c>sending</c> this long after its attempt began lost its sender (a crash) and becomes
    /// <c>unknown</c>. Longer than a provider call can take, so it never catches a send still under way.
    /// </summary>
    public TimeSpan SendingLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest a provider call may take.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BackOff(int attempts)
    {
        var delay = RetryBase * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return delay > LongestBackOff ? LongestBackOff : delay;
    }
}
