using HotlineDispatch.Deadlines;
using HotlineDispatch.Channels.Http;
using HotlineDispatch.Channels.Outbox;
using HotlineDispatch.Channels.Platform;
using HotlineDispatch.Platform;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Silo.Tickets;
using HotlineDispatch.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Platform;

/// <summary>
/// <c>POST /api/v1/platform/tickets</c>: tickets the upper (city or provincial) 12345 platform hands down, and the
/// callbacks that report their steps back up (docs/platform.md). The signature, its window and replays are checked
/// before anything is read or kept; one upstream number is one ticket however often it is pushed.
/// </summary>
public static class PlatformApi
{
    public const string Route = "/api/v1/platform/tickets";

    private const int MaxBytes = 64 * 1024;
    private const int MaxUpstreamId = 128;
    private const int MaxAttachments = 20;
    private const string HttpClientName = "hotline-platform";

    /// <summary>How the ticket view is shown to the platform: it sent the reporter, so it sees what it sent.</summary>
    private static readonly CurrentUser PlatformViewer = new(Actor.Platform.Name, Roles.Operator, null, null);

    public static IServiceCollection AddHotlinePlatform(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PlatformOptions.Section).Get<PlatformOptions>() ?? new PlatformOptions();
        ConfiguredSecret.Require("Hotline:Platform:Secret", options.Secret);
        services.AddSingleton(options);
        services.AddSingleton<SqlPlatformNonces>();
        services.AddSingleton<ITicketProjectionPart, PlatformCallbackProjection>();
        if (options.CanCallBack)
        {
            services.AddHttpClient(HttpClientName);
            services.AddSingleton<IOutboundSender>(sp => new PlatformCallbackSender(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), options,
                sp.GetRequiredKeyedService<TimeProvider>(HotlineTime.Key)));
        }

        return services;
    }

    public static RouteHandlerBuilder MapPlatformApi(this IEndpointRouteBuilder routes) =>
        routes.MapPost(Route, Push)
            .WithSummary("A ticket handed down by the upper 12345 platform (signed; see docs/platform.md)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Created<TicketView>, Ok<TicketView>, ProblemHttpResult>> Push(
        HttpContext http, PlatformOptions options, SqlPlatformNonces nonces, IGrainFactory grains, SlaPolicy sla,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time)
    {
        if (string.IsNullOrEmpty(options.Secret))
        {
            return ChannelProblems.Forbidden("Hotline:Platform:Secret is not set, so no push can be authentic.");
        }

        var body = await BoundedBody.ReadAsync(http.Request, MaxBytes, http.RequestAborted);
        if (body is null)
        {
            return ChannelProblems.TooLarge(MaxBytes);
        }

        var headers = http.Request.Headers;
        var signature = headers[HotlineSignature.SignatureHeader].ToString();
        var now = time.GetUtcNow();
        if (HotlineSignature.Refusal(options.Secret, headers[HotlineSignature.TimestampHeader], signature, http.Request.Method,
                http.Request.Path, body, now, "Hotline:Platform:Secret") is { } refusal)
        {
            return ChannelProblems.Forbidden(refusal);
        }

        if (!await nonces.FirstAsync(signature, now, http.RequestAborted))
        {
            return TypedResults.Problem("This signed request was received before: a replay. A new push is signed with its own timestamp.",
                statusCode: StatusCodes.Status409Conflict, title: "Replayed request");
        }

        var push = ChannelJson.Read<PlatformPush>(body, "a platform push", out var unreadable);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (Validate(push) is { } invalid)
        {
            return invalid;
        }

        var upstreamId = push!.UpstreamId!.Trim();
        var command = new AcceptTicket(TicketChannel.Platform,
            new Caller(push.Caller?.Name, push.Caller?.Phone, push.Caller?.Anonymous ?? false),
            push.Address ?? "", push.GridCell, push.Content ?? "", TicketsApi.ParseEnum<TicketType>(push.Type)!.Value, false)
        {
            Attachments = push.Attachments ?? [],
            SourceRef = upstreamId,
            Upstream = new UpstreamTerms(upstreamId, push.SignBy, push.ReplyBy),
        };
        try
        {
            var taken = await grains.GetGrain<IUpstreamTicketGrain>(upstreamId).Take(command);
            var view = TicketView.Of(taken.Ticket, PlatformViewer, sla.Calendar);
            return taken.Created ? TypedResults.Created($"/api/v1/tickets/{view.Id}", view) : TypedResults.Ok(view);
        }
        catch (Exception ex) when (Problems.FromDomain(ex) is { } problem)
        {
            return problem;
        }
    }

    private static ProblemHttpResult? Validate(PlatformPush? push)
    {
        if (push is null) return ChannelProblems.BadRequest("body", "The body must be a JSON object.");
        if (string.IsNullOrWhiteSpace(push.UpstreamId) || push.UpstreamId.Trim().Length > MaxUpstreamId)
        {
            return ChannelProblems.BadRequest("upstreamId", $"upstreamId is required, at most {MaxUpstreamId} characters.");
        }

        if (string.IsNullOrWhiteSpace(push.Content)) return ChannelProblems.BadRequest("content", "content is required.");
        if (TicketsApi.ParseEnum<TicketType>(push.Type) is null)
        {
            return ChannelProblems.BadRequest("type", "type must be one of consultation, help, complaint, report, suggestion, praise.");
        }

        if (push.Attachments is { } attachments
            && (attachments.Count > MaxAttachments || attachments.Any(a => !Uri.TryCreate(a, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))))
        {
            return ChannelProblems.BadRequest("attachments", $"attachments are at most {MaxAttachments} http(s) URLs.");
        }

        return null;
    }
}
