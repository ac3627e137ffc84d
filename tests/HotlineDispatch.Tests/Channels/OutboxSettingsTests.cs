using HotlineDispatch.Silo.Outbox;

namespace HotlineDispatch.Tests.Channels;

public sealed class OutboxSettingsTests
{
    [Fact]
    public void Back_off_doubles_up_to_its_ceiling()
    {
        var settings = new OutboxSettings { RetryBase = TimeSpan.FromSeconds(5), LongestBackOff = TimeSpan.FromMinutes(1) };

        Assert.Equal([5, 10, 20, 40, 60, 60], Enumerable.Range(1, 6).Select(a => settings.BackOff(a).TotalSeconds));
    }
}
