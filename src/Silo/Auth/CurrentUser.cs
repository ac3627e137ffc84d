using System.Security.Claims;
using HotlineDispatch.Tickets;
using HotlineDispatch.Users;

namespace HotlineDispatch.Silo.Auth;

/// <summary>The signed-in user as the API needs it, read from the claims the bearer handler issued.</summary>
public sealed record CurrentUser(string Name, string Role, string? Department, string? GridCell, string? Id = null)
{
    public const string DepartmentClaim = "hotline:department";
    public const string GridCellClaim = "hotline:gridCell";
    public const string IdClaim = "hotline:userId";

    public static CurrentUser From(ClaimsPrincipal principal) => new(
        principal.Identity?.Name ?? "",
        principal.FindFirstValue(ClaimTypes.Role) ?? "",
        principal.FindFirstValue(DepartmentClaim),
        principal.FindFirstValue(GridCellClaim),
        principal.FindFirstValue(IdClaim));

    public Actor Actor => new(Name, Role, Department, Id);

    /// <summary>The claims a signed-in user carries, whichever scheme signed them in.</summary>
    public static ClaimsPrincipal Principal(UserAccount user, string scheme, params Claim[] extra)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user.Name), new(ClaimTypes.Role, user.Role) };
        if (user.Department is not null) claims.Add(new Claim(DepartmentClaim, user.Department));
        if (user.GridCell is not null) claims.Add(new Claim(GridCellClaim, user.GridCell));
        if (user.Id is not null) claims.Add(new Claim(IdClaim, user.Id));
        claims.AddRange(extra);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Whether this user may see a ticket at all: departments their own, grid workers their cell.</summary>
    public bool MaySee(TicketSummary ticket) => Role switch
    {
        Roles.Department => ticket.IsAssignedTo(Department!),
        Roles.GridWorker => ticket.GridCell == GridCell,
        _ => true,
    };

    /// <summary>
    /// The operator (or dispatcher, or admin) who logged an anonymous report: the one person who sees its reporter.
    /// Matched by the account's stable id, not its name, which a later account could take.
    /// </summary>
    public bool MaySeeReporter(Caller caller) =>
        !caller.Anonymous || (Id is not null && Id == caller.KnownTo && TakesReports);

    /// <summary>Logs reports itself, and so may see its own anonymous reporters.</summary>
    public bool TakesReports => Role is Roles.Operator or Roles.Dispatcher or Roles.Admin;

    /// <summary>Whether this user may act as the given department: a department user only as its own.</summary>
    public bool MayActFor(string department) => Role != Roles.Department || department == Department;
}
