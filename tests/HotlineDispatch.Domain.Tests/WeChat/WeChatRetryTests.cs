using HotlineDispatch.WeChat;

namespace HotlineDispatch.Tests.Channels;

public sealed class WeChatRetryTests
{
    [Fact]
    public void The_pause_doubles_from_a_minute_to_an_hour_and_the_last_attempt_leaves_none()
    {
        var pauses = Enumerable.Range(1, WeChatRetry.MaxAttempts).Select(WeChatRetry.PauseAfter).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60, null], pauses.Select(p => p?.TotalMinutes));
        // About four hours from the first failure to the last attempt: long enough to outlast an outage.
        Assert.Equal(TimeSpan.FromMinutes(243), pauses.Aggregate(TimeSpan.Zero, (sum, p) => sum + (p ?? TimeSpan.Zero)));
    }
}
