using HotlineDispatch.Residents;
using HotlineDispatch.Tickets;
using HotlineDispatch.WeChat;

namespace HotlineDispatch.Tests.Channels;

public sealed class WeChatIntentTests
{
    private static WeChatMessage Message(string type) => new("gh_1", "oResident1", 1700000000, type, "123");

    [Fact]
    public void Text_becomes_a_wechat_ticket_that_answers_the_sender()
    {
        var report = Assert.IsType<WeChatIntent.Report>(WeChatIntent.Of(Message("text") with { Content = " 路灯不亮 " }));
        Assert.Equal((TicketChannel.Wechat, "路灯不亮", "123", "wechat:oResident1"),
            (report.Ticket.Channel, report.Ticket.Content, report.Ticket.SourceRef, report.Ticket.ReplyTo));
        Assert.Equal(new Caller(null, null, false), report.Ticket.Caller);
    }

    [Fact]
    public void A_long_text_is_kept_whole_as_far_as_a_ticket_holds_text()
    {
        var text = new string('长', Ticket.MaxText);
        var report = Assert.IsType<WeChatIntent.Report>(WeChatIntent.Of(Message("text") with { Content = text }));
        Assert.Equal((text, false), (report.Ticket.Content, report.Ticket.ContentTruncated));
    }

    [Fact]
    public void Text_beyond_what_a_ticket_holds_keeps_its_beginning_and_says_it_was_cut()
    {
        var text = new string('长', Ticket.MaxText - 1) + "😀" + new string('尾', 500);
        var report = Assert.IsType<WeChatIntent.Report>(WeChatIntent.Of(Message("text") with { Content = text }));

        // The emoji straddles the limit, so it goes whole rather than leave half a character behind.
        Assert.Equal((text[..(Ticket.MaxText - 1)], true), (report.Ticket.Content, report.Ticket.ContentTruncated));
    }

    [Fact]
    public void Voice_uses_the_recognition_and_without_one_asks_for_text()
    {
        var report = Assert.IsType<WeChatIntent.Report>(WeChatIntent.Of(Message("voice") with { Recognition = "井盖丢了" }));
        Assert.Equal("井盖丢了", report.Ticket.Content);
        Assert.Equal(ResidentTexts.VoiceNotRecognised, Assert.IsType<WeChatIntent.Reply>(WeChatIntent.Of(Message("voice"))).Text);
    }

    [Fact]
    public void An_image_keeps_its_url_and_a_location_its_label_as_the_address()
    {
        var image = Assert.IsType<WeChatIntent.Report>(WeChatIntent.Of(Message("image") with { PicUrl = "http://mmbiz.example/p.jpg" }));
        Assert.Equal(["http://mmbiz.example/p.jpg"], image.Ticket.Attachments);

        var location = Assert.IsType<WeChatIntent.Report>(WeChatIntent.Of(
            Message("location") with { Latitude = "23.1", Longitude = "113.3", Label = "春晖路3号" }));
        Assert.Equal("春晖路3号", location.Ticket.Address);
        Assert.Contains("23.1", location.Ticket.Content);
    }

    [Theory]
    [InlineData("查询 20261123-000042")]
    [InlineData("查询：20261123-000042")]
    [InlineData(" 查询20261123-000042 ")]
    public void A_status_query_asks_for_that_number(string text)
    {
        Assert.Equal("20261123-000042", Assert.IsType<WeChatIntent.Query>(WeChatIntent.Of(Message("text") with { Content = text })).Number);
    }

    [Fact]
    public void Events_welcome_subscribers_and_otherwise_need_nothing()
    {
        Assert.Equal(ResidentTexts.Welcome, Assert.IsType<WeChatIntent.Reply>(WeChatIntent.Of(Message("event") with { Event = "subscribe" })).Text);
        Assert.IsType<WeChatIntent.Nothing>(WeChatIntent.Of(Message("event") with { Event = "unsubscribe" }));
        Assert.IsType<WeChatIntent.Reply>(WeChatIntent.Of(Message("video")));
    }
}
