using HotlineDispatch.Residents;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.WeChat;

/// <summary>What a resident's message to the official account asks for: a ticket, a status, or only an answer.</summary>
public abstract record WeChatIntent
{
    private WeChatIntent()
    {
    }

    public static WeChatIntent Of(WeChatMessage message) => message.MsgType switch
    {
        "text" => FromText(message, message.Content, ResidentTexts.WeChatHelp),
        "voice" => FromText(message, message.Recognition, ResidentTexts.VoiceNotRecognised),
        "image" when !string.IsNullOrWhiteSpace(message.PicUrl) =>
            new Report(NewTicket(message, "[图片] 居民通过微信发来图片，请查看附件。", "") with { Attachments = [message.PicUrl] }),
        "location" => new Report(NewTicket(message, LocationText(message), message.Label ?? "")),
        "event" when message.Event == "subscribe" => new Reply(ResidentTexts.Welcome),
        "event" => new Nothing(),
        _ => new Reply(ResidentTexts.WeChatHelp),
    };

    private static WeChatIntent FromText(WeChatMessage message, string? text, string whenEmpty)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Reply(whenEmpty);
        }

        var trimmed = text.Trim();
        return ResidentRequest.Parse(trimmed) switch
        {
            ResidentRequest.StatusQuery { Number: { } number } => new Query(number),
            ResidentRequest.StatusQuery => new Reply(ResidentTexts.QueryHelp),
            ResidentRequest.SurveyAnswer answer => new Survey(answer.Rating),
            _ => new Report(TextTicket(message, trimmed)),
        };
    }

    /// <summary>
    /// A signed message may carry far more than a ticket holds (the body may be 32 KiB), and refusing it would
    /// lose the report: the ticket takes the beginning, says it was cut, and the receipt tells the resident.
    /// The whole text stays in the message's own record.
    /// </summary>
    private static AcceptTicket TextTicket(WeChatMessage message, string text)
    {
        if (text.Length <= Ticket.MaxText)
        {
            return NewTicket(message, text, "");
        }

        // Never half of a surrogate pair: an emoji cut in two is no longer valid text.
        var cut = char.IsHighSurrogate(text[Ticket.MaxText - 1]) ? Ticket.MaxText - 1 : Ticket.MaxText;
        return NewTicket(message, text[..cut], "") with { ContentTruncated = true };
    }

    /// <summary>What the resident sent, whole and in words, for people to act on when no ticket or answer came of it.</summary>
    public static string Described(WeChatMessage message) => message.MsgType switch
    {
        "text" => message.Content ?? "",
        "voice" => message.Recognition ?? "[语音，未识别]",
        "image" => $"[图片] {message.PicUrl}",
        "location" => LocationText(message),
        _ => $"[{message.MsgType}] {message.Event}",
    };

    private static string LocationText(WeChatMessage message)
    {
        var place = string.IsNullOrWhiteSpace(message.Label) ? "" : $"{message.Label.Trim()} ";
        return $"[位置] 居民通过微信发来位置：{place}(纬度 {message.Latitude}，经度 {message.Longitude})";
    }

    private static AcceptTicket NewTicket(WeChatMessage message, string content, string address) =>
        new(TicketChannel.Wechat, new Caller(null, null, false), address, null, content, TicketType.Help, false)
        {
            SourceRef = message.MsgId,
            ReplyTo = message.ReplyTo,

            // The message's own answer (passive, or late through the outbox) carries the number.
            ReceiptInline = true,
        };

    /// <summary>A report: becomes a ticket, and the reply carries its number.</summary>
    public sealed record Report(AcceptTicket Ticket) : WeChatIntent;

    /// <summary><c>查询 &lt;number&gt;</c>: the state of one of the resident's own tickets.</summary>
    public sealed record Query(string Number) : WeChatIntent;

    /// <summary><c>1</c>, <c>2</c> or <c>3</c>: the answer to the survey prompt of the resident's latest replied ticket.</summary>
    public sealed record Survey(SurveyRating Rating) : WeChatIntent;

    /// <summary>Nothing to take in, only something to say (help, a welcome).</summary>
    public sealed record Reply(string Text) : WeChatIntent;

    /// <summary>An event that needs neither a record nor an answer.</summary>
    public sealed record Nothing : WeChatIntent;
}
