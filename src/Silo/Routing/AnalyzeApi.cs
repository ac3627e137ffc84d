using HotlineDispatch.Incidents;
using HotlineDispatch.Routing;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Tickets;
using HotlineDispatch.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Routing;

/// <summary>
/// <c>POST /api/v1/analyze</c>: what the router thinks of a message, creating nothing (docs/api.md); given
/// the place, also the open tickets it may duplicate, which the operator checks before taking the call.
/// </summary>
public static class AnalyzeApi
{
    private const int MaxText = 5000;

    public static RouteGroupBuilder MapAnalyzeApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/analyze");
        group.MapPost("/", Analyze).RequireAuthorization(RoutingPolicies.Analysis);
        return group;
    }

    private static async Task<Results<Ok<MessageAnalysis>, ProblemHttpResult>> Analyze(AnalyzeRequest body, HttpContext http, IMessageAnalyzer analyzer, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > MaxText)
        {
            return Problems.Invalid("text", $"text is required: the message to analyse, at most {MaxText} characters.");
        }

        var channel = TicketChannel.Chat;
        if (body.Channel is not null)
        {
            if (TicketsApi.ParseEnum<TicketChannel>(body.Channel) is not { } parsed)
            {
                return Problems.Invalid("channel", "channel must be one of call, sms, wechat, chat, platform, web, open311.");
            }

            channel = parsed;
        }

        var user = CurrentUser.From(http.User);
        if (user.Role == Roles.GridWorker && body.GridCell is not null && body.GridCell != user.GridCell)
        {
            return Problems.Forbidden($"A grid worker of {user.GridCell} looks for duplicates in that cell only.");
        }

        var analysis = await analyzer.AnalyzeAsync(body.Text, channel, cancellationToken);
        // A grid worker's place is the own cell, so no address reaches the reports of another cell.
        var cell = user.Role == Roles.GridWorker ? CellKeys.Of(user.GridCell, null) : CellKeys.Of(body.GridCell, body.Address);
        var named = body.GridCell is not null || body.Address is not null;
        return TypedResults.Ok(named && cell is not null
            ? analysis with { Duplicates = await grains.GetGrain<ICellReportsGrain>(cell).Similar(body.Text, null) }
            : analysis);
    }
}
