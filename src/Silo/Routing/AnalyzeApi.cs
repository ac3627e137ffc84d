using HotlineDispatch.Routing;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Tickets;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Routing;

/// <summary><c>POST /api/v1/analyze</c>: what the router thinks of a message, creating nothing (API.md).</summary>
public static class AnalyzeApi
{
    private const int MaxText = 5000;

    public static RouteGroupBuilder MapAnalyzeApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/analyze");
        group.MapPost("/", Analyze).RequireAuthorization(RoutingPolicies.Analysis);
        return group;
    }

    private static async Task<IResult> Analyze(AnalyzeRequest body, IMessageAnalyzer analyzer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > MaxText)
        {
            return Problems.BadRequest("text", $"text is required: the message to analyse, at most {MaxText} characters.");
        }

        var channel = TicketChannel.Chat;
        if (body.Channel is not null)
        {
            if (TicketsApi.ParseEnum<TicketChannel>(body.Channel) is not { } parsed)
            {
                return Problems.BadRequest("channel", "channel must be one of call, sms, wechat, chat, platform, web, open311.");
            }

            channel = parsed;
        }

        return Results.Ok(await analyzer.AnalyzeAsync(body.Text, channel, cancellationToken));
    }
}
