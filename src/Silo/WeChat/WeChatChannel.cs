using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HotlineDispatch.Channels.Http;
using HotlineDispatch.Channels.WeChat;
using HotlineDispatch.WeChat;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HotlineDispatch.Silo.WeChat;

/// <summary>
/// <c>GET</c>/<c>POST /channels/wechat</c>: the official account's server protocol (docs/channels.md).
/// Every request is signed with the account's token; a wrong signature is 403 and changes nothing.
/// </summary>
public static class WeChatChannel
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static IServiceCollection AddWeChatChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WeChatOptions>()
            .Bind(configuration.GetSection(WeChatOptions.Section))
            .Validate(o => !o.SafeMode || o.EncodingAESKey!.Length == 43, "Hotline:WeChat:EncodingAESKey must be 43 characters.")
            .Validate(o => !o.SafeMode || !string.IsNullOrWhiteSpace(o.AppId), "Safe mode (Hotline:WeChat:EncodingAESKey) needs Hotline:WeChat:AppId.")
            .ValidateOnStart();
        return services;
    }

    public static RouteGroupBuilder MapWeChatChannel(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/channels/wechat");
        group.MapGet("/", Verify).Produces<string>(contentType: "text/plain");
        // "success" when there is nothing to say, else the reply's XML (encrypted in safe mode).
        group.MapPost("/", Receive).Produces<string>(StatusCodes.Status200OK, "text/xml", "text/plain");
        return group;
    }

    /// <summary>The URL check: a correct signature gets <c>echostr</c> back verbatim.</summary>
    private static IResult Verify(HttpRequest request, IOptions<WeChatOptions> options)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.Token))
        {
            return NotConfigured();
        }

        var query = request.Query;
        return WeChatSignature.Matches(query["signature"], o.Token, query["timestamp"], query["nonce"])
            ? Results.Text(query["echostr"].ToString(), "text/plain", Encoding.UTF8)
            : ChannelProblems.Forbidden("signature does not match Hotline:WeChat:Token, timestamp and nonce.");
    }

    private static async Task<IResult> Receive(
        HttpContext http, IOptions<WeChatOptions> options, IGrainFactory grains, WebhookBudget budget,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.Token))
        {
            return NotConfigured();
        }

        var query = http.Request.Query;
        string? token = o.Token, timestamp = query["timestamp"], nonce = query["nonce"];
        if (!WeChatSignature.Matches(query["signature"], token, timestamp, nonce))
        {
            return ChannelProblems.Forbidden("signature does not match Hotline:WeChat:Token, timestamp and nonce.");
        }

        // In plain mode the signature covers the query alone: only its freshness and a nonce used once keep a captured
        // query from signing another body. Safe mode's msg_signature covers the body too.
        if (!o.SafeMode && !Fresh(timestamp, time.GetUtcNow()))
        {
            return ChannelProblems.Forbidden("timestamp is more than 5 minutes off: a replay, or the clock is wrong.");
        }

        if (o.SafeMode != (query["encrypt_type"] == "aes"))
        {
            return ChannelProblems.BadRequest("encrypt_type", o.SafeMode
                ? "This account runs in safe mode: messages must come with encrypt_type=aes."
                : "Hotline:WeChat:EncodingAESKey is not set, so encrypted messages cannot be read; set it or switch the account to plain mode.");
        }

        var body = await BoundedBody.ReadAsync(http.Request, WeChatXml.MaxBytes, http.RequestAborted);
        if (body is null)
        {
            return ChannelProblems.TooLarge(WeChatXml.MaxBytes);
        }

        if (!o.SafeMode && !await grains.GetGrain<IRequestNonceGrain>($"wechat/{timestamp}/{nonce}")
                .Claim(Convert.ToHexStringLower(SHA256.HashData(body)), Window))
        {
            return ChannelProblems.Forbidden("nonce was already used with another message: a replay.");
        }

        WeChatMessage message;
        WeChatCrypto? crypto = null;
        try
        {
            var xml = WeChatXml.Parse(body);
            if (o.SafeMode)
            {
                var encrypted = WeChatXml.Text(xml, "Encrypt") ?? throw new WeChatFormatException("Encrypt", "Encrypt is required in safe mode.");
                if (!WeChatSignature.Matches(query["msg_signature"], token, timestamp, nonce, encrypted))
                {
                    return ChannelProblems.Forbidden("msg_signature does not match the token, timestamp, nonce and Encrypt.");
                }

                crypto = new WeChatCrypto(o.EncodingAESKey!, o.AppId!);
                xml = WeChatXml.Parse(crypto.Decrypt(encrypted));
            }

            message = WeChatXml.ReadMessage(xml);
        }
        catch (WeChatFormatException ex)
        {
            return ChannelProblems.BadRequest(ex.Field, ex.Message);
        }
        catch (WeChatCryptoException ex)
        {
            return ChannelProblems.Forbidden($"Encrypt cannot come from WeChat for this account: {ex.Message}");
        }

        if (budget.Spend("wechat", http) is { } exhausted)
        {
            return exhausted;
        }

        var answer = await grains.GetGrain<IWeChatMessageGrain>(message.DeduplicationKey).Take(message, o.ReplyBudget);
        if (answer.Text is null)
        {
            return Results.Text("success", "text/plain", Encoding.UTF8);
        }

        var reply = WeChatXml.TextReply(message.OpenId, message.Account, time.GetUtcNow().ToUnixTimeSeconds(), answer.Text);
        if (crypto is null)
        {
            return Results.Text(reply, "text/xml", Encoding.UTF8);
        }

        var sealedReply = crypto.Encrypt(reply);
        return Results.Text(
            WeChatXml.EncryptedReply(sealedReply, WeChatSignature.Compute(token, timestamp, nonce, sealedReply), timestamp ?? "", nonce ?? ""),
            "text/xml", Encoding.UTF8);
    }

    private static bool Fresh(string? timestamp, DateTimeOffset now) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
        && (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() <= Window;

    private static IResult NotConfigured() =>
        ChannelProblems.NotFound("The WeChat channel is off: set Hotline:WeChat:Token (and EncodingAESKey and AppId for safe mode).");
}
