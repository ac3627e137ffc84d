using System.Net;
using HotlineDispatch.Silo.Auth;

namespace HotlineDispatch.Silo.Console;

/// <summary>Which console pages each role may open, where it starts, and the sign-in page (the only one rendered on the server).</summary>
public static class ConsolePages
{
    public const string Operator = "operator";
    public const string Department = "department";
    public const string Grid = "grid";
    public const string Leader = "leader";
    public const string Tickets = "tickets";
    public const string Dispatch = "dispatch";
    public const string Supervise = "supervise";
    public const string Surveys = "surveys";

    /// <summary>月度通报: the month's assessment and rates on one printable A4 page.</summary>
    public const string Report = "report";

    /// <summary>The page of one ticket, at /console/tickets/{id}; whoever may open the list may open it, and the API decides what it shows.</summary>
    public const string Ticket = "ticket";

    // Admins open every page. A page offers only the steps the API lets its reader take, so a role here may still
    // find a queue it can read but not work (a supervisor's dispatch queue).
    private static readonly Dictionary<string, string[]> Openers = new()
    {
        [Operator] = [Roles.Operator, Roles.Dispatcher],
        [Dispatch] = [Roles.Operator, Roles.Dispatcher, Roles.Supervisor],
        [Surveys] = [Roles.Operator, Roles.Dispatcher],
        [Department] = [Roles.Department],
        [Grid] = [Roles.GridWorker],
        [Supervise] = [Roles.Supervisor],
        [Leader] = [Roles.Leader, Roles.Supervisor],
        [Report] = [Roles.Leader, Roles.Supervisor],
        [Tickets] = [.. Roles.All],
    };

    public static IReadOnlyList<string> All { get; } = [.. Openers.Keys];

    /// <summary>The pages the role may open, in the order the console's menu lists them.</summary>
    public static IReadOnlyList<string> OpenTo(string role) => All.Where(page => MayOpen(role, page)).ToList();

    public static string HomeOf(string role) => role switch
    {
        Roles.Department => Department,
        Roles.GridWorker => Grid,
        Roles.Leader or Roles.Supervisor => Leader,
        _ => Operator,
    };

    public static bool MayOpen(string role, string page) => role == Roles.Admin || Openers[page].Contains(role);

    public static string Login(string? error) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>登录 · 12345 热线工单系统</title>
        <link rel="stylesheet" href="/console/assets/console.css">
        </head>
        <body class="login">
        <main>
          <h1>12345 热线工单系统</h1>
          <form method="post" action="/console/login" autocomplete="off">
            <label for="token">访问令牌</label>
            <input id="token" name="token" type="password" required autofocus>
            {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
            <button type="submit">登录</button>
          </form>
          <p class="hint">请使用管理员分配给您的令牌登录。令牌不会出现在网址中。</p>
        </main>
        </body>
        </html>
        """;
}
