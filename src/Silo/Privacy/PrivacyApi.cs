using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Privacy;

/// <summary>
/// <c>/api/v1/privacy/subjects</c>: an admin answers a resident's request for access (everything held about a
/// phone number or an openid, as JSON) or erasure (个人信息保护法). Both are audited.
/// </summary>
public static class PrivacyApi
{
    public sealed record EraseRequest(string? Phone, string? OpenId, string? Reason);

    public static RouteGroupBuilder MapPrivacyApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/privacy/subjects").RequireAuthorization(Policies.Administration);

        group.MapGet("/", async Task<Results<Ok<AccessReport>, ProblemHttpResult>> (string? phone, string? openid, HttpContext http, ResidentData data, AuditLog audit) =>
        {
            if (ResidentSubject.Parse(phone, openid, out var subject) is { } problem) return problem;
            var found = await data.FindAsync(subject, CurrentUser.From(http.User), http.RequestAborted);
            await audit.RecordAsync(http, AuditActions.Export, subject.Masked, "everything held about the resident");
            return TypedResults.Ok(found);
        });

        group.MapPost("/erase", (EraseRequest body, HttpContext http, ResidentData data, AuditLog audit) =>
            Erase(body.Phone, body.OpenId, body.Reason, http, data, audit));
        group.MapDelete("/", (string? phone, string? openid, string? reason, HttpContext http, ResidentData data, AuditLog audit) =>
            Erase(phone, openid, reason, http, data, audit));

        return group;
    }

    private static async Task<Results<Ok<ErasureReport>, ProblemHttpResult>> Erase(string? phone, string? openid, string? reason, HttpContext http, ResidentData data, AuditLog audit)
    {
        if (ResidentSubject.Parse(phone, openid, out var subject) is { } problem) return problem;
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            return Problems.Invalid("reason", "reason must say why (the resident's request, its reference), at most 500 characters.");
        }

        var report = await data.EraseAsync(subject, reason.Trim(), CurrentUser.From(http.User).Actor, http.RequestAborted);
        await audit.RecordAsync(http, AuditActions.Erase, subject.Masked,
            $"{report.Tickets.Count} tickets, {report.WeChatMessages} WeChat messages, {report.Rows.Values.Sum()} rows; {reason.Trim()}");
        return TypedResults.Ok(report);
    }
}
