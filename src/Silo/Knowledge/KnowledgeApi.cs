using HotlineDispatch.Departments;
using HotlineDispatch.Knowledge;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Silo.Knowledge;

/// <summary>
/// <c>/api/v1/knowledge</c>: the answers operators give at intake (直办). Everyone signed in searches it;
/// admins maintain it.
/// </summary>
public static class KnowledgeApi
{
    private const int MaxText = 4000;
    private const int MaxTags = 20;
    private const int MaxLimit = 100;

    public sealed record EntryRequest(string? Question, string? Answer, string? Department, IReadOnlyList<string>? Tags);

    /// <summary>An entry as answered; <see cref="Score"/> is how well it matched a search, null elsewhere.</summary>
    public sealed record EntryView(string Id, string Question, string Answer, string? Department, IReadOnlyList<string> Tags,
        DateTimeOffset UpdatedAt, string UpdatedBy, double? Score);

    public static IServiceCollection AddHotlineKnowledge(this IServiceCollection services) => services.AddSingleton<SqlKnowledgeBase>();

    public static RouteGroupBuilder MapKnowledgeApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/knowledge");

        group.MapGet("/", async Task<Results<Ok<ItemList<EntryView>>, ProblemHttpResult>> (string? q, string? department, int? limit, SqlKnowledgeBase kb, CancellationToken cancellationToken) =>
        {
            if (limit is < 1 or > MaxLimit) return Problems.Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
            if (q is { Length: > MaxText }) return Problems.Invalid("q", $"q is longer than {MaxText} characters.");
            var hits = await kb.SearchAsync(q, department, limit ?? 20, cancellationToken);
            return TypedResults.Ok(new ItemList<EntryView>([.. hits.Select(h => View(h.Entry, h.Score))]));
        }).RequireAuthorization(Policies.AnyUser);

        group.MapGet("/{id}", async Task<Results<Ok<EntryView>, ProblemHttpResult>> (string id, SqlKnowledgeBase kb, CancellationToken cancellationToken) =>
            await kb.FindAsync(id, cancellationToken) is { } entry
                ? TypedResults.Ok(View(entry, null))
                : Problems.NotFound($"No knowledge-base entry has the id '{id}'."))
            .RequireAuthorization(Policies.AnyUser);

        group.MapPost("/", (EntryRequest body, HttpContext http, SqlKnowledgeBase kb, DepartmentCatalog catalog,
            [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken) =>
            Save("kb-" + Guid.NewGuid().ToString("N"), body, http, kb, catalog, time, created: true, cancellationToken))
            .RequireAuthorization(Policies.Administration);

        group.MapPut("/{id}", async Task<Results<Created<EntryView>, Ok<EntryView>, ProblemHttpResult>> (string id, EntryRequest body, HttpContext http, SqlKnowledgeBase kb, DepartmentCatalog catalog,
            [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken) =>
            await kb.FindAsync(id, cancellationToken) is null
                ? Problems.NotFound($"No knowledge-base entry has the id '{id}'; POST creates one.")
                : await Save(id, body, http, kb, catalog, time, created: false, cancellationToken))
            .RequireAuthorization(Policies.Administration);

        group.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, SqlKnowledgeBase kb, CancellationToken cancellationToken) =>
            await kb.RemoveAsync(id, cancellationToken)
                ? TypedResults.NoContent()
                : Problems.NotFound($"No knowledge-base entry has the id '{id}'."))
            .RequireAuthorization(Policies.Administration);

        return group;
    }

    private static async Task<Results<Created<EntryView>, Ok<EntryView>, ProblemHttpResult>> Save(string id, EntryRequest body, HttpContext http, SqlKnowledgeBase kb, DepartmentCatalog catalog,
        TimeProvider time, bool created, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Question) || body.Question.Length > MaxText) return Problems.Invalid("question", $"question is required, at most {MaxText} characters.");
        if (string.IsNullOrWhiteSpace(body.Answer) || body.Answer.Length > MaxText) return Problems.Invalid("answer", $"answer is required, at most {MaxText} characters.");
        if (body.Department is not null && !catalog.Contains(body.Department)) return Problems.Invalid("department", "department must be a department code or left out.");
        var tags = (body.Tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct().ToList();
        if (tags.Count > MaxTags || tags.Any(t => t.Length > 50)) return Problems.Invalid("tags", $"At most {MaxTags} tags of at most 50 characters each.");

        var entry = new KnowledgeEntry(id, body.Question.Trim(), body.Answer.Trim(), body.Department, tags, time.GetUtcNow(),
            CurrentUser.From(http.User).Name);
        await kb.SaveAsync(entry, cancellationToken);
        return created ? TypedResults.Created($"/api/v1/knowledge/{id}", View(entry, null)) : TypedResults.Ok(View(entry, null));
    }

    private static EntryView View(KnowledgeEntry e, double? score) =>
        new(e.Id, e.Question, e.Answer, e.Department, e.Tags, e.UpdatedAt, e.UpdatedBy, score);
}
