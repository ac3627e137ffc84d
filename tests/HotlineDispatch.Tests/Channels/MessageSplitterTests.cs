using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HotlineDispatch.Channels.Outbox;

namespace HotlineDispatch.Tests.Channels;

public sealed partial class MessageSplitterTests
{
    private static readonly MessageLimit Tencent = MessageLimit.Utf8Bytes(2048);

    [GeneratedRegex(@"（(\d+)/(\d+)）$")]
    private static partial Regex Marker();

    /// <summary>A department's long result: numbered findings, each a sentence or two, some quoting the resident.</summary>
    private static string LongResult(int findings) => string.Concat(Enumerable.Range(1, findings).Select(i =>
        $"第{i}项：经现场核查，春晖路{i}号门前积水系排水管道堵塞所致，我局已于当日安排疏通{(i % 3 == 0 ? "。居民表示：“问题已解决，谢谢！”" : "。")}"));

    /// <summary>The parts without their markers, after checking that each is within the limit and numbered in order.</summary>
    private static List<string> Bodies(IReadOnlyList<string> parts, MessageLimit limit)
    {
        Assert.All(parts, part => Assert.True(limit.Fits(part), $"{limit.SizeOf(part)} > {limit.Max}: {part}"));
        return parts.Select((part, i) =>
        {
            var marker = Marker().Match(part);
            Assert.Equal($"{i + 1}/{parts.Count}", $"{marker.Groups[1].Value}/{marker.Groups[2].Value}");
            return part[..marker.Index];
        }).ToList();
    }

    [Theory]
    [InlineData("您的工单 20261123-000042 办理结果：已处理。", 2048)]
    [InlineData("a😀b", 6)]
    public void A_text_that_fits_is_one_message_as_it_is(string text, int maxBytes)
    {
        Assert.Equal([text], MessageSplitter.Split(text, MessageLimit.Utf8Bytes(maxBytes)));
    }

    [Fact]
    public void A_long_result_is_split_after_sentences_into_parts_that_fit_and_together_are_the_whole_text()
    {
        var text = LongResult(120);

        var bodies = Bodies(MessageSplitter.Split(text, Tencent), Tencent);

        Assert.True(bodies.Count > 2, $"{Encoding.UTF8.GetByteCount(text)} bytes in {bodies.Count} parts");
        Assert.Equal(text, string.Concat(bodies));
        // Each part but the last ends a sentence, a quoted one included, and none wastes half its message.
        Assert.All(bodies[..^1], body =>
        {
            Assert.Matches("[。”]$", body);
            Assert.True(Tencent.SizeOf(body) * 2 >= Tencent.Max, $"{Tencent.SizeOf(body)} bytes");
        });
    }

    [Fact]
    public void A_line_break_is_a_cut_and_the_blank_around_a_cut_is_dropped()
    {
        var paragraph = string.Concat(Enumerable.Repeat("路灯已修复", 50));
        var limit = MessageLimit.Utf16Chars(400);

        var bodies = Bodies(MessageSplitter.Split($"{paragraph}\n\n{paragraph}  \n", limit), limit);

        Assert.Equal([paragraph, paragraph], bodies);
    }

    [Fact]
    public void Text_without_a_break_is_cut_between_text_elements_never_inside_an_emoji_or_a_character()
    {
        // A family (ZWJ sequence, 18 bytes), a flag (two regional indicators), a skin tone, a combining accent, CJK.
        var text = string.Concat(Enumerable.Repeat("\U0001F468\u200D\U0001F469\u200D\U0001F467\U0001F1E8\U0001F1F3\U0001F44D\U0001F3FDe\u0301路", 40));
        var limit = MessageLimit.Utf8Bytes(64);

        var bodies = Bodies(MessageSplitter.Split(text, limit), limit);

        Assert.Equal(text, string.Concat(bodies));
        var elementStarts = StringInfo.ParseCombiningCharacters(text).ToHashSet();
        var cut = 0;
        foreach (var body in bodies[..^1])
        {
            cut += body.Length;
            Assert.Contains(cut, elementStarts);
        }

        Assert.All(bodies, body => Assert.Equal(body, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(body))));
    }

    [Fact]
    public void Twilio_counts_characters_and_an_sms_of_4000_characters_goes_in_three_parts()
    {
        var text = string.Concat(Enumerable.Repeat("网格员已到现场处理。", 400));
        var sms = MessageLimit.Utf16Chars(1600);

        var bodies = Bodies(MessageSplitter.Split(text, sms), sms);

        Assert.Equal(3, bodies.Count);
        Assert.Equal(text, string.Concat(bodies));
    }

    [Fact]
    public void Room_for_the_marker_grows_when_the_parts_reach_ten()
    {
        var text = LongResult(12);
        var small = MessageLimit.Utf8Bytes(120);

        var parts = MessageSplitter.Split(text, small);

        Assert.True(parts.Count >= 10, $"{parts.Count} parts");
        Assert.Equal(text, string.Concat(Bodies(parts, small)));
        Assert.EndsWith($"（10/{parts.Count}）", parts[9]);
    }
}
