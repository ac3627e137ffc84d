using HotlineDispatch.Channels.WeChat;

namespace HotlineDispatch.Tests.Channels;

public sealed class WeChatXmlTests
{
    public const string Xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <xml><ToUserName>gh_1</ToUserName><FromUserName>o123</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>
        """;

    [Fact]
    public void A_dtd_with_an_external_entity_is_refused_before_anything_is_resolved()
    {
        var error = Assert.Throws<WeChatFormatException>(() => WeChatXml.Parse(System.Text.Encoding.UTF8.GetBytes(Xxe)));
        Assert.Equal("body", error.Field);
    }

    [Fact]
    public void A_billion_laughs_is_refused()
    {
        const string Laughs = """<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Content>&b;</Content></xml>""";
        Assert.Throws<WeChatFormatException>(() => WeChatXml.Parse(Laughs));
    }

    [Fact]
    public void Each_message_kind_is_read()
    {
        var location = WeChatXml.ReadMessage(WeChatXml.Parse("""
            <xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oAbc_-1]]></FromUserName><CreateTime>1351776360</CreateTime>
            <MsgType><![CDATA[location]]></MsgType><Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale>
            <Label><![CDATA[春晖路3号]]></Label><MsgId>1234567890123456</MsgId></xml>
            """));
        Assert.Equal(("location", "23.134521", "113.358803", "春晖路3号"), (location.MsgType, location.Latitude, location.Longitude, location.Label));

        var voice = WeChatXml.ReadMessage(WeChatXml.Parse("""
            <xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>voice</MsgType>
            <MediaId>m1</MediaId><Format>amr</Format><Recognition><![CDATA[路灯坏了]]></Recognition><MsgId>2</MsgId></xml>
            """));
        Assert.Equal(("voice", "路灯坏了", "m1"), (voice.MsgType, voice.Recognition, voice.MediaId));

        var subscribe = WeChatXml.ReadMessage(WeChatXml.Parse(
            "<xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName><CreateTime>7</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>"));
        Assert.Equal("wechat-event-o1-7", subscribe.DeduplicationKey);
    }

    [Theory]
    [InlineData("<xml><ToUserName>gh</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>", "FromUserName")]
    [InlineData("<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>", "MsgId")]
    [InlineData("<xml><ToUserName>gh</ToUserName><FromUserName>o/1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>", "FromUserName")]
    [InlineData("<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>", "CreateTime")]
    [InlineData("<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>location</MsgType><Location_X>north</Location_X><Location_Y>1</Location_Y><MsgId>1</MsgId></xml>", "Location_X")]
    public void A_missing_or_malformed_field_is_named(string xml, string field)
    {
        Assert.Equal(field, Assert.Throws<WeChatFormatException>(() => WeChatXml.ReadMessage(WeChatXml.Parse(xml))).Field);
    }

    [Fact]
    public void A_reply_keeps_text_that_closes_a_cdata_section()
    {
        var reply = WeChatXml.TextReply("o1", "gh_1", 1700000000, "结果：a]]>b");
        Assert.Equal("结果：a]]>b", WeChatXml.Parse(reply).Element("Content")!.Value);
    }
}
