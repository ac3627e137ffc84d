using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Grid;

/// <summary>
/// Who may see and work a grid cell: a grid worker only their own cell; admins, supervisors, leaders
/// and dispatchers read every cell; the grid worker (and an admin) answers its requests.
/// </summary>
public static class GridAccess
{
    public static AuthorizationPolicy Readers { get; } = Policy(Roles.Admin, Roles.Supervisor, Roles.Leader, Roles.Dispatcher, Roles.GridWorker);

    public static AuthorizationPolicy Workers { get; } = Policy(Roles.Admin, Roles.GridWorker);

    /// <summary>A 403 for a grid worker of another cell; null when the user may go on.</summary>
    public static ProblemHttpResult? Refuse(CurrentUser user, string cell) =>
        user.Role == Roles.GridWorker && user.GridCell != cell
            ? Problems.Forbidden($"A grid worker of {user.GridCell} sees and works only that cell, not {cell}.")
            : null;

    private static AuthorizationPolicy Policy(params string[] roles) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(roles).Build();
}
