using HotlineDispatch.Deadlines;
using HotlineDispatch.Grid;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;

namespace HotlineDispatch.Silo.Grid;

/// <summary><c>/api/v1/groups</c>: an admin registers resident chat groups to grid cells; their recent log can be read.</summary>
public static class GroupsApi
{
    private const int MaxName = 100;

    public sealed record GroupRequest(string? Name, string? GridCell);

    public static RouteGroupBuilder MapGroupsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/groups");
        group.MapPut("/{groupId}", Register).RequireAuthorization(Policies.Administration);
        group.MapGet("/{groupId}", Get).RequireAuthorization(GridAccess.Readers);
        return group;
    }

    private static async Task<IResult> Register(string groupId, GroupRequest body, IGrainFactory grains)
    {
        if (!GridKeys.IsWellFormed(groupId)) return Problems.BadRequest("groupId", "groupId must be 1 to 128 letters, digits, '_', '.', '@' or '-', starting with a letter or digit.");
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > MaxName) return Problems.BadRequest("name", $"name is required, at most {MaxName} characters.");
        if (!GridKeys.IsWellFormed(body.GridCell)) return Problems.BadRequest("gridCell", "gridCell is required: 1 to 128 letters, digits, '_', '.', '@' or '-'.");

        var registration = await grains.GetGrain<IChatGroupGrain>(GridKeys.Group(groupId)).Register(body.Name.Trim(), body.GridCell!);
        return Results.Ok(registration);
    }

    private static async Task<IResult> Get(string groupId, HttpContext http, IGrainFactory grains, SlaPolicy sla)
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
        return Results.Ok(new
        {
            registration.GroupId,
            registration.Name,
            registration.GridCell,
            recent = log.Select(e => new
            {
                e.Message.MessageId,
                e.Message.SenderName,
                e.Message.Text,
                sentAt = sla.Calendar.ToLocal(e.Message.SentAt),
                receivedAt = sla.Calendar.ToLocal(e.ReceivedAt),
                e.IsRequest,
            }),
        });
    }
}
