using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Grid;

/// <summary>What a group bridge posts, signed here rather than by the production signer.</summary>
public static class BridgeRequests
{
    /// <summary>
    /// A message as the bridge posts it: HMAC-SHA256 of "timestamp\nPOST\npath\nbody". <paramref name="signedFor"/> signs
    /// another group's path, as a message captured there and replayed here.
    /// </summary>
    public static Task<HttpResponseMessage> Post(HttpClient client, string groupId, object message, string secret = ChannelsApiFactory.BridgeSecret,
        DateTimeOffset? at = null, Func<string, string>? tamper = null, string? signedFor = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message);
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString();
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var signed = Encoding.UTF8.GetBytes($"{timestamp}\nPOST\n/channels/groups/{signedFor ?? groupId}/messages\n").Concat(body).ToArray();
        var signature = "sha256=" + Convert.ToHexString(hmac.ComputeHash(signed)).ToLowerInvariant();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/channels/groups/{groupId}/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Hotline-Timestamp", timestamp);
        request.Headers.Add("X-Hotline-Signature", tamper?.Invoke(signature) ?? signature);
        return client.SendAsync(request);
    }

    public static object Message(string text, string? messageId = null) => new
    {
        messageId = messageId ?? "m" + Guid.NewGuid().ToString("N")[..10],
        groupName = "春晖社区3网格群",
        senderId = "wxid_resident1",
        senderName = "老杨",
        text,
        sentAt = DateTimeOffset.UtcNow,
    };
}
