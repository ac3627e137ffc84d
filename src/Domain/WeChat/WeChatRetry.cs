namespace HotlineDispatch.WeChat;

/// <summary>
/// When a WeChat message whose work failed after it was recorded is tried again, and when trying stops.
/// The pause doubles from a minute (the shortest reminder period) to at most an hour, so ten attempts
/// span about four hours: a restart, a deployment or a storage outage is outlasted, while a message that
/// fails every time stops being retried (and logged) each minute and goes to people instead.
/// </summary>
public static class WeChatRetry
{
    /// <summary>Attempts in all, the first one included; the message is parked when the last of them fails.</summary>
    public const int MaxAttempts = 10;

    private static readonly TimeSpan First = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>The pause before the next attempt after <paramref name="failures"/> failed ones, or null when none is left.</summary>
    public static TimeSpan? PauseAfter(int failures)
    {
        if (failures >= MaxAttempts)
        {
            return null;
        }

        var pause = First * Math.Pow(2, Math.Max(failures - 1, 0));
        return pause < Longest ? pause : Longest;
    }
}
