namespace HotlineDispatch.Silo.Auth;

/// <summary>The roles of API.md; what each may do is in <see cref="Policies"/>.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Dispatcher = "dispatcher";
    public const string Department = "department";
    public const string GridWorker = "gridworker";
    public const string Supervisor = "supervisor";
    public const string Leader = "leader";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Dispatcher, Department, GridWorker, Supervisor, Leader];

    /// <summary>Roles that see residents' full phone numbers; everyone else sees them masked.</summary>
    public static bool SeesFullPhone(string role) => role is Admin or Operator or Dispatcher or Supervisor;
}
