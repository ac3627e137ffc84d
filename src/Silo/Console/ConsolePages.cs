using System.Net;
using HotlineDispatch.Silo.Auth;

namespace HotlineDispatch.Silo.Console;

/// <summary>Which console page each role works on, and the sign-in page (the only one rendered on the server).</summary>
public static class ConsolePages
{
    public const string Operator = "operator";
    public const string Department = "department";
    public const string Grid = "grid";
    public const string Leader = "leader";

    public static IReadOnlyList<string> All { get; } = [Operator, Department, Grid, Leader];

    public static string HomeOf(string role) => role switch
    {
        Roles.Department => Department,
        Roles.GridWorker => Grid,
        Roles.Leader or Roles.Supervisor => Leader,
        _ => Operator,
    };

    public static bool MayOpen(string role, string page) => role == Roles.Admin || HomeOf(role) == page;

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
