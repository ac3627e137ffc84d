using HotlineDispatch.Silo.Auth;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>The users the HTTP and process tests sign in as; configuration holds only their tokens' hashes.</summary>
public static class TestUsers
{
    public const string AdminToken = "admin-token-for-tests-0001";

    public static readonly TestUser Operator = new("op1", Roles.Operator, "operator-token-0001");
    public static readonly TestUser Operator2 = new("op2", Roles.Operator, "operator-token-0002");
    public static readonly TestUser Dispatcher = new("disp1", Roles.Dispatcher, "dispatcher-token-0001");
    public static readonly TestUser Cgj = new("cgj1", Roles.Department, "cgj-token-00000001", Department: "CGJ");
    public static readonly TestUser Jtj = new("jtj1", Roles.Department, "jtj-token-00000001", Department: "JTJ");
    public static readonly TestUser Leader = new("lead1", Roles.Leader, "leader-token-0001");
    public static readonly TestUser Supervisor = new("sup1", Roles.Supervisor, "supervisor-token-0001");
    public static readonly TestUser GridWorker = new("grid1", Roles.GridWorker, "grid-token-00000001", GridCell: "G-7");

    public static IReadOnlyList<TestUser> All { get; } = [Operator, Operator2, Dispatcher, Cgj, Jtj, Leader, Supervisor, GridWorker];

    /// <summary>The configuration keys that declare these users, as an operator would write them.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("Hotline:Auth:AdminToken", AdminToken);
        for (var i = 0; i < All.Count; i++)
        {
            var user = All[i];
            yield return new($"Hotline:Users:{i}:Name", user.Name);
            yield return new($"Hotline:Users:{i}:Role", user.Role);
            yield return new($"Hotline:Users:{i}:Department", user.Department);
            yield return new($"Hotline:Users:{i}:GridCell", user.GridCell);
            yield return new($"Hotline:Users:{i}:TokenSha256", TokenHash.Of(user.Token));
        }
    }
}

public sealed record TestUser(string Name, string Role, string Token, string? Department = null, string? GridCell = null);
