using Microsoft.AspNetCore.Authorization;

namespace HotlineDispatch.Silo.Auth;

/// <summary>Who may do what; scoping to one department or grid cell is checked where the ticket is known.</summary>
public static class Policies
{
    public const string AnyUser = "any-user";
    public const string Intake = "intake";
    public const string DepartmentWork = "department-work";
    public const string ResidentContact = "resident-contact";
    public const string Supervision = "supervision";

    /// <summary>改派: moving a dispatched or signed ticket to another department is the dispatchers' and supervisors' call.</summary>
    public const string Redispatch = "redispatch";
    public const string Closing = "closing";

    /// <summary>催办: the call centre and the supervisors press departments for progress.</summary>
    public const string Urging = "urging";
    public const string Measures = "measures";
    public const string Administration = "administration";

    /// <summary>The call centre's own work: the outbox to residents, missed calls and call drafts.</summary>
    public const string CallCentre = "call-centre";

    public static void Add(AuthorizationOptions options)
    {
        void Policy(string name, params string[] roles) =>
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));

        Policy(AnyUser, Roles.All.ToArray());
        Policy(Intake, Roles.Admin, Roles.Operator, Roles.Dispatcher);
        Policy(DepartmentWork, Roles.Admin, Roles.Department);
        Policy(ResidentContact, Roles.Admin, Roles.Operator, Roles.Dispatcher, Roles.Department);
        Policy(Supervision, Roles.Admin, Roles.Supervisor);
        Policy(Redispatch, Roles.Admin, Roles.Dispatcher, Roles.Supervisor);
        Policy(Closing, Roles.Admin, Roles.Operator, Roles.Dispatcher, Roles.Supervisor);
        Policy(Urging, Roles.Admin, Roles.Operator, Roles.Dispatcher, Roles.Supervisor);
        Policy(Measures, Roles.Admin, Roles.Leader, Roles.Supervisor, Roles.Dispatcher);
        Policy(Administration, Roles.Admin);
        Policy(CallCentre, Roles.Admin, Roles.Operator, Roles.Dispatcher, Roles.Supervisor);
    }
}
