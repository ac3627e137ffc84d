using HotlineDispatch.Channels.Grid;
using HotlineDispatch.Channels.Http;
using HotlineDispatch.Grid;
using HotlineDispatch.Routing;
using HotlineDispatch.Tickets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HotlineDispatch.Silo.Grid;

/// <summary>
/// <c>POST /channels/groups/{groupId}/messages</c>: messages of resident chat groups from the group
/// bridge. The HMAC (over timestamp, method, path and body) and the timestamp window are checked before anything else (403, nothing kept);
/// a group nobody registered is 404 and keeps nothing; a message id seen before changes nothing.
/// </summary>
public static class GroupBridge
{
    public const int MaxBytes = 64 * 1024;

    private const int MaxId = 128;
    private const int MaxName = 100;
    private const int MaxText = 4000;

    public static IServiceCollection AddGroupBridge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BridgeOptions>().Bind(configuration.GetSection(BridgeOptions.Section))
            .Validate(o => ConfiguredSecret.IsLongEnough(o.BridgeSecret), ConfiguredSecret.TooShort("Hotline:Groups:BridgeSecret"))
            .ValidateOnStart();
        services.Configure<GridOptions>(configuration.GetSection(GridOptions.Section));
        return services;
    }

    /// <summary>A message taken: its id, and whether the cell treats it as a request (it goes to the inbox).</summary>
    public sealed record Receipt(string MessageId, bool Request);

    public static RouteHandlerBuilder MapGroupBridge(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/channels/groups/{groupId}/messages", Receive);

    private static async Task<Results<Ok<Receipt>, ProblemHttpResult>> Receive(
        string groupId, HttpContext http, IOptions<BridgeOptions> options, IGrainFactory grains, WebhookBudget budget,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time)
    {
        var secret = options.Value.BridgeSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return ChannelProblems.Forbidden("Hotline:Groups:BridgeSecret is not set, so no bridge message can be authentic.");
        }

        var body = await BoundedBody.ReadAsync(http.Request, MaxBytes, http.RequestAborted);
        if (body is null)
        {
            return ChannelProblems.TooLarge(MaxBytes);
        }

        var request = http.Request;
        if (HotlineSignature.Refusal(secret, request.Headers[HotlineSignature.TimestampHeader], request.Headers[HotlineSignature.SignatureHeader],
                request.Method, (request.PathBase + request.Path).Value!, body, time.GetUtcNow(), "Hotline:Groups:BridgeSecret") is { } refusal)
        {
            return ChannelProblems.Forbidden(refusal);
        }

        if (budget.Spend("groups", http) is { } exhausted)
        {
            return exhausted;
        }

        if (!GridKeys.IsWellFormed(groupId))
        {
            return Unregistered(groupId);
        }

        var posted = ChannelJson.Read<BridgeMessage>(body, "the bridge's JSON", out var unreadable);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (Validate(posted) is { } invalid)
        {
            return invalid;
        }

        // Older than the group remembers message ids, a message could be taken twice; later than the window, it is not real.
        var sentAgo = time.GetUtcNow() - posted!.SentAt!.Value;
        if (sentAgo > ChatGroupGrain.RememberFor || sentAgo < -HotlineSignature.Window)
        {
            return ChannelProblems.BadRequest("sentAt", "sentAt must be within the last day and not in the future.");
        }

        var message = new GroupMessage(posted.MessageId!.Trim(), posted.SenderId!.Trim(),
            string.IsNullOrWhiteSpace(posted.SenderName) ? posted.SenderId.Trim() : ExternalText.Clean(posted.SenderName).Trim(),
            ExternalText.Clean(posted.Text!).Trim(), posted.SentAt.Value);
        GroupDelivery delivery;
        try
        {
            delivery = await grains.GetGrain<IChatGroupGrain>(GridKeys.Group(groupId)).Receive(message);
        }
        catch (InboxFullException ex)
        {
            http.Response.Headers.RetryAfter = "300";
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Inbox full");
        }

        return delivery.Registered
            ? TypedResults.Ok(new Receipt(message.MessageId, delivery.IsRequest))
            : Unregistered(groupId);
    }

    private static ProblemHttpResult? Validate(BridgeMessage? posted)
    {
        if (posted is null) return ChannelProblems.BadRequest("body", "The body must be a JSON object.");
        if (Invalid(posted.MessageId, MaxId)) return ChannelProblems.BadRequest("messageId", $"messageId is required, at most {MaxId} characters.");
        if (Invalid(posted.SenderId, MaxId)) return ChannelProblems.BadRequest("senderId", $"senderId is required, at most {MaxId} characters.");
        if (posted.SenderName?.Length > MaxName) return ChannelProblems.BadRequest("senderName", $"senderName is at most {MaxName} characters.");
        if (Invalid(posted.Text, MaxText)) return ChannelProblems.BadRequest("text", $"text is required, at most {MaxText} characters.");
        if (posted.SentAt is null) return ChannelProblems.BadRequest("sentAt", "sentAt is required, an ISO-8601 instant.");
        return null;
    }

    private static bool Invalid(string? value, int max) =>
        value is null || ExternalText.Clean(value).Trim() is not { Length: > 0 } kept || kept.Length > max;

    private static ProblemHttpResult Unregistered(string groupId) =>
        ChannelProblems.NotFound($"Group {groupId} is not registered; an admin registers it with PUT /api/v1/groups/{{groupId}}.");
}
