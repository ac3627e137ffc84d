using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using HotlineDispatch.WeChat;

namespace HotlineDispatch.Channels.WeChat;

/// <summary>
/// The XML of the WeChat server protocol: read with DTDs prohibited and no resolver, so no entity
/// expansion and no external entity is ever fetched (XXE); written with CDATA around strings.
/// </summary>
public static partial class WeChatXml
{
    /// <summary>Genuine messages are a few kilobytes; the bound stops anyone making the parser hold more.</summary>
    public const int MaxBytes = 32 * 1024;

    private static readonly XmlReaderSettings Safe = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = MaxBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <exception cref="WeChatFormatException">Not well-formed, or declares a DTD.</exception>
    public static XElement Parse(byte[] body) => Load(() => XmlReader.Create(new MemoryStream(body), Safe));

    /// <exception cref="WeChatFormatException">Not well-formed, or declares a DTD.</exception>
    public static XElement Parse(string text) => Load(() => XmlReader.Create(new StringReader(text), Safe));

    /// <summary>The message in a (decrypted) WeChat XML document.</summary>
    /// <exception cref="WeChatFormatException">A field the message needs is missing or malformed; the exception names it.</exception>
    public static WeChatMessage ReadMessage(XElement xml)
    {
        var openId = Required(xml, "FromUserName");
        if (!OpenIdShape().IsMatch(openId))
        {
            throw new WeChatFormatException("FromUserName", "FromUserName is not an OpenID.");
        }

        if (!long.TryParse(Required(xml, "CreateTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var createTime))
        {
            throw new WeChatFormatException("CreateTime", "CreateTime must be Unix seconds.");
        }

        var type = Required(xml, "MsgType").ToLowerInvariant();
        var msgId = Text(xml, "MsgId");
        if (type != "event" && (msgId is null || !MsgIdShape().IsMatch(msgId)))
        {
            throw new WeChatFormatException("MsgId", "MsgId must be the message's 64-bit id.");
        }

        var message = new WeChatMessage(Required(xml, "ToUserName"), openId, createTime, type, type == "event" ? null : msgId)
        {
            Content = Text(xml, "Content"),
            Recognition = Text(xml, "Recognition"),
            PicUrl = Text(xml, "PicUrl"),
            MediaId = Text(xml, "MediaId"),
            Latitude = Text(xml, "Location_X"),
            Longitude = Text(xml, "Location_Y"),
            Label = Text(xml, "Label"),
            Event = Text(xml, "Event"),
        };
        if (type == "location")
        {
            Coordinate(message.Latitude, "Location_X");
            Coordinate(message.Longitude, "Location_Y");
        }

        return message;
    }

    /// <summary>The passive text reply to a resident.</summary>
    public static string TextReply(string openId, string account, long createTime, string content) =>
        Write(new XElement("xml",
            new XElement("ToUserName", new XCData(openId)),
            new XElement("FromUserName", new XCData(account)),
            new XElement("CreateTime", createTime),
            new XElement("MsgType", new XCData("text")),
            new XElement("Content", new XCData(content))));

    /// <summary>The safe-mode envelope around an encrypted reply.</summary>
    public static string EncryptedReply(string encrypt, string signature, string timestamp, string nonce) =>
        Write(new XElement("xml",
            new XElement("Encrypt", new XCData(encrypt)),
            new XElement("MsgSignature", new XCData(signature)),
            new XElement("TimeStamp", timestamp),
            new XElement("Nonce", new XCData(nonce))));

    public static string? Text(XElement xml, string name) =>
        xml.Element(name)?.Value is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static XElement Load(Func<XmlReader> open)
    {
        try
        {
            using var reader = open();
            return XElement.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new WeChatFormatException("body", $"The body is not well-formed XML without a DTD: {ex.Message}");
        }
    }

    private static string Required(XElement xml, string name) =>
        Text(xml, name) ?? throw new WeChatFormatException(name, $"{name} is required.");

    private static void Coordinate(string? value, string field)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw new WeChatFormatException(field, $"{field} must be a coordinate in degrees.");
        }
    }

    private static string Write(XElement xml) => xml.ToString(SaveOptions.DisableFormatting);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex OpenIdShape();

    [GeneratedRegex("^[0-9]{1,20}$")]
    private static partial Regex MsgIdShape();
}
