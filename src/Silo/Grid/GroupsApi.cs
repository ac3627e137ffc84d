using HotlineDispatch.Deadlines;
using HotlineDispatch.Grid;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Grid;

/// <summary><c>/api/v1/groups</c>: an admin registers resident chat groups to grid cells; their recent log can be read.</summary>
public static class GroupsApi
{
    private const int MaxName = 100;

    public sealed record GroupRequest(string? Name, string? GridCell);

    /// <summary>A registered group and its recent messages, in the centre's time.</summary>
    public sealed record GroupView(string GroupId, string Name, string GridCell, IReadOnlyList<GroupLogLine> Recent);

    public sealed record GroupLogLine(string MessageId, string SenderName, string Text, DateTimeOffset SentAt, DateTimeOffset ReceivedAt, bool IsRequest);

    public static RouteGroupBuilder MapGroupsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/groups");
        group.MapPut("/{groupId}", Register).RequireAuthorization(Policies.Administration);
        group.MapGet("/{groupId}", Get).RequireAuthorization(GridAccess.Readers);
        return group;
    }

    private static async Task<Results<Ok<GroupRegistration>, ProblemHttpResult>> Register(string groupId, GroupRequest body, IGrainFactory grains)
    {
        if (!GridKeys.IsWellFormed(groupId)) return Problems.Invalid("groupId", "groupId must be 1 to 128 letters, digits, '_', '.', '@' or '-', starting with a letter or digit.");
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > MaxName) return Problems.Invalid("name", $"name is required, at most {MaxName} characters.");
        if (!GridKeys.IsWellFormed(body.GridCell)) return Problems.Invalid("gridCell", "gridCell is required: 1 to 128 letters, digits, '_', '.', '@' or '-'.");

        var registration = await grains.GetGrain<IChatGroupGrain>(GridKeys.Group(groupId)).Register(body.Name.Trim(), body.GridCell!);
        return TypedResults.Ok(registration);
    }

    private static async Task<Results<Ok<GroupView>, ProblemHttpResult>> Get(string groupId, HttpContext http, IGrainFactory grains, SlaPolicy sla)
    {
        var grain = GridKeys.IsWellFormed(groupId) ? grains.GetGrain<IChatGroupGrain>(GridKeys.Group(groupId)) : null;
        if (grain is null || await grain.GetRegistration() is not { } registration)
        {
            return Problems.NotFound($"Group {groupId} is not registered.");
        }

        if (GridAccess.Refuse(CurrentUser.From(http.User), registration.GridCell) is { } refused)
        {
            return refused;
        }

        var log = await grain.RecentLog();
        return TypedResults.Ok(new GroupView(registration.GroupId, registration.Name, registration.GridCell,
        [
            .. log.Select(e => new GroupLogLine(e.Message.MessageId, e.Message.SenderName, e.Message.Text,
                sla.Calendar.ToLocal(e.Message.SentAt), sla.Calendar.ToLocal(e.ReceivedAt), e.IsRequest)),
        ]));
    }
}
