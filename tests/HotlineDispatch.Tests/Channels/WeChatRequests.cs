using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Channels;

/// <summary>What WeChat's servers send, built by the tests themselves: message XML, signed URLs.</summary>
public static partial class WeChatRequests
{
    public const string Account = "gh_hotline12345";
    public const string Timestamp = "1700000000";

    private static long _msgId = Random.Shared.NextInt64(1_000_000, 9_000_000) * 1_000_000_000;

    public static string NextMsgId() => Interlocked.Increment(ref _msgId).ToString();

    public static string NewOpenId() => "o" + Guid.NewGuid().ToString("N")[..27];

    public static string Text(string openId, string content, string msgId) =>
        Message(openId, "text", msgId, $"<Content><![CDATA[{content}]]></Content>");

    public static string Message(string openId, string type, string? msgId, string fields) =>
        $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
        $"<CreateTime>{Timestamp}</CreateTime><MsgType><![CDATA[{type}]]></MsgType>{fields}" +
        (msgId is null ? "" : $"<MsgId>{msgId}</MsgId>") + "</xml>";

    /// <summary>
    /// The query WeChat puts on every request, signed with <paramref name="token"/>: the current time and, unless
    /// one is given, a nonce of its own, as WeChat sends.
    /// </summary>
    public static string Url(string token, string? nonce = null, string extra = "", string? timestamp = null)
    {
        timestamp ??= DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        nonce ??= Random.Shared.Next(100_000_000, 999_999_999).ToString();
        return $"/channels/wechat?signature={TencentCipher.Sign(token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}{extra}";
    }

    public static StringContent Xml(string body) => new(body, Encoding.UTF8, "text/xml");

    public static string NumberIn(string text) => Number().Match(text).Value;

    public static async Task<XElement> XmlReply(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return XElement.Parse(body);
    }

    public static async Task<int> TicketCount(HotlineApiFactory api)
    {
        var page = await api.ClientFor(TestUsers.Operator).GetFromJsonAsync<JsonElement>("/api/v1/tickets?pageSize=1");
        return page.GetProperty("total").GetInt32();
    }

    [GeneratedRegex(@"[0-9]{8}-[0-9]{6,}")]
    private static partial Regex Number();
}
