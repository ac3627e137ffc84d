using System.Text;
using HotlineDispatch.Channels.Outbound;
using HotlineDispatch.Silo.Outbox;

namespace HotlineDispatch.Tests.Channels;

public sealed class OutboundHttpTests
{
    [Theory]
    [InlineData("短信", 2048)]
    [InlineData("路灯不亮路灯不亮", 10)]
    [InlineData("a😀b😀c", 7)]
    public void Truncation_keeps_whole_characters_within_the_byte_limit(string text, int maxBytes)
    {
        var cut = OutboundHttp.TruncateUtf8(text, maxBytes);

        Assert.True(Encoding.UTF8.GetByteCount(cut) <= maxBytes);
        Assert.Equal(cut, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(cut)));
        Assert.StartsWith(cut.TrimEnd('…'), text);
        Assert.Equal(Encoding.UTF8.GetByteCount(text) <= maxBytes, cut == text);
    }

    [Fact]
    public void Back_off_doubles_up_to_its_ceiling()
    {
        var settings = new OutboxSettings { RetryBase = TimeSpan.FromSeconds(5), LongestBackOff = TimeSpan.FromMinutes(1) };

        Assert.Equal([5, 10, 20, 40, 60, 60], Enumerable.Range(1, 6).Select(a => settings.BackOff(a).TotalSeconds));
    }
}
