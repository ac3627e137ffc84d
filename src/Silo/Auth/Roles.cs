namespace HotlineDispatch.Silo.Auth;

/// <summary>The roles of docs/api.md; what each may do is in <see cref="Policies"/>.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Dispatcher = "dispatcher";
    public const string Department = "department";
    // The grid cells tell their grid worker's answers from an admin's by this name, so it is theirs.
    public const string GridWorker = HotlineDispatch.Grid.GridWorkerRole.Name;
    public const string Supervisor = "supervisor";
    public const string Leader = "leader";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Dispatcher, Department, GridWorker, Supervisor, Leader];

    /// <summary>Roles that see residents' full phone numbers; everyone else sees them masked.</summary>
    public static bool SeesFullPhone(string role) => role is Admin or Operator or Dispatcher or Supervisor;
}
