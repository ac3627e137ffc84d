using System.Globalization;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Residents;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Knowledge;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Silo.Tickets;

/// <summary><c>/api/v1/tickets</c>: intake and every step of the lifecycle (docs/api.md).</summary>
public static class TicketsApi
{
    private const int MaxPageSize = 500;

    private static readonly Dictionary<string, TicketSort> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["-acceptedAt"] = TicketSort.Newest,
        ["acceptedAt"] = TicketSort.Oldest,
        ["replyBy"] = TicketSort.ReplyBy,
        ["surveyCallsFirst"] = TicketSort.SurveyCallsFirst,
    };

    public static RouteGroupBuilder MapTicketsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/tickets").AddEndpointFilter(DomainProblems);
        group.MapPost("/", Create).RequireAuthorization(Policies.Intake);
        group.MapGet("/", List).RequireAuthorization(Policies.AnyUser);
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.AnyUser);

        group.MapPost("/{id}/resolve-now", async (string id, ResolveNowRequest body, HttpContext http, TicketSteps steps, SqlKnowledgeBase kb) =>
            body.KnowledgeEntry is { } entry && await kb.FindAsync(entry, http.RequestAborted) is null
                ? Problems.Invalid("knowledgeEntry", $"No knowledge-base entry has the id '{entry}'; see GET /api/v1/knowledge?q=.")
                : await steps.Run(id, http, new ResolveNow(body.Answer ?? "") { KnowledgeEntry = body.KnowledgeEntry }))
            .RequireAuthorization(Policies.Intake);
        group.MapPost("/{id}/dispatch", (string id, DispatchRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, body.ToCommand())).RequireAuthorization(Policies.Intake);
        group.MapPost("/{id}/redispatch", (string id, RedispatchRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, body.ToCommand())).RequireAuthorization(Policies.Redispatch);
        group.MapPost("/{id}/supplement", (string id, TextRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, new SupplementTicket(body.Text ?? ""))).RequireAuthorization(Policies.Intake);
        group.MapPost("/{id}/contribute", (string id, ContributionRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, new ContributeToTicket(body.Department ?? "", body.Text ?? ""), body.Department))
            .RequireAuthorization(Policies.DepartmentWork);
        group.MapPost("/{id}/sign", (string id, DepartmentRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, new SignTicket(body.Department ?? ""), body.Department)).RequireAuthorization(Policies.DepartmentWork);
        group.MapPost("/{id}/return", (string id, ReturnRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, new ReturnTicket(body.Department ?? "", body.Reason ?? ""), body.Department)).RequireAuthorization(Policies.DepartmentWork);
        group.MapPost("/{id}/await-resident", (string id, TextRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, new AwaitResident(body.Text ?? "") { Department = OwnDepartment(http) }, OwnDepartment(http)))
            .RequireAuthorization(Policies.DepartmentWork);
        group.MapPost("/{id}/resident-info", (string id, TextRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, new ProvideResidentInfo(body.Text ?? "") { Department = OwnDepartment(http) }, OwnDepartment(http)))
            .RequireAuthorization(Policies.ResidentContact);
        group.MapPost("/{id}/extension", async (string id, ExtensionRequestBody body, HttpContext http, TicketSteps steps) =>
            ParseWorkingTime(body.Extra) is { } extra
                ? await steps.Run(id, http, new RequestExtension(body.Department ?? "", extra, body.Reason ?? ""), body.Department)
                : Problems.Invalid("extra", "extra must be a working time such as \"04:00:00\" or \"2.00:00:00\" (days count as working days)."))
            .RequireAuthorization(Policies.DepartmentWork);
        group.MapPost("/{id}/extension/decision", async (string id, ExtensionDecisionRequest body, HttpContext http, TicketSteps steps) =>
            body.Approve is { } approve
                ? await steps.Run(id, http, new DecideExtension(approve, body.Note))
                : Problems.Invalid("approve", "approve must be true or false."))
            .RequireAuthorization(Policies.Supervision);
        group.MapPost("/{id}/reply", (string id, ReplyRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, new ReplyTicket(body.Department ?? "", body.Result ?? ""), body.Department)).RequireAuthorization(Policies.DepartmentWork);
        group.MapPost("/{id}/rework", (string id, ReasonRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, new ReworkTicket(body.Reason ?? ""))).RequireAuthorization(Policies.Closing);
        group.MapPost("/{id}/survey", async (string id, SurveyRequest body, HttpContext http, TicketSteps steps) =>
            ParseEnum<SurveyRating>(body.Rating) is { } rating
                ? await steps.Run(id, http, new SurveyTicket(rating, body.Comment))
                : Problems.Invalid("rating", "rating must be satisfied, basic or dissatisfied."))
            .RequireAuthorization(Policies.Intake);
        group.MapPost("/{id}/survey-unreachable", (string id, NoteRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, new SurveyUnreachable(body.Note))).RequireAuthorization(Policies.Intake);
        group.MapPost("/{id}/supervise", (string id, NoteRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, new SuperviseTicket(body.Note ?? ""))).RequireAuthorization(Policies.Supervision);
        group.MapPost("/{id}/urge", (string id, NoteRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, new UrgeTicket(body.Note ?? ""))).RequireAuthorization(Policies.Urging);
        group.MapPost("/{id}/merge-into", (string id, MergeRequest body, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, new MergeTicket(body.MasterId ?? ""))).RequireAuthorization(Policies.Intake);
        group.MapPost("/{id}/close", (string id, HttpContext http, TicketSteps steps) =>
            steps.Run(id, http, new CloseTicket())).RequireAuthorization(Policies.Closing);

        return group;
    }

    private static async Task<Results<Created<TicketView>, ProblemHttpResult>> Create(CreateTicketRequest body, HttpContext http, TicketSteps steps)
    {
        if (ParseEnum<TicketChannel>(body.Channel) is not { } channel)
        {
            return Problems.Invalid("channel", "channel must be one of call, sms, wechat, chat, platform, web, open311.");
        }

        if (channel == TicketChannel.Patrol)
        {
            return Problems.Invalid("channel", "A patrol report (巡查上报) is the cell's grid worker's: POST /api/v1/grid/{cell}/patrol.");
        }

        if (ParseEnum<TicketType>(body.Type) is not { } type)
        {
            return BadType();
        }

        var caller = new Caller(body.Caller?.Name, body.Caller?.Phone, body.Caller?.Anonymous ?? false);
        var command = new AcceptTicket(channel, caller, body.Address ?? "", body.GridCell, body.Content ?? "", type, body.Urgent ?? false)
        {
            Dispatch = body.Dispatch?.ToCommand(),
            ReplyTo = channel == TicketChannel.Call ? PhoneNumbers.SmsReplyTo(caller.Phone) : null,
        };
        var view = await steps.Accept(command, CurrentUser.From(http.User));
        return TypedResults.Created($"/api/v1/tickets/{view.Id}", view);
    }

    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> Get(string id, HttpContext http, TicketSteps steps)
    {
        var user = CurrentUser.From(http.User);
        var ticket = await steps.Read(id);
        return user.MaySee(TicketSummary.Of(ticket))
            ? TypedResults.Ok(await steps.Shown(ticket, http))
            : Problems.Forbidden($"Ticket {id} is not in your department or grid cell.");
    }

    private static async Task<Results<Ok<ListPage<SummaryView>>, ProblemHttpResult>> List(
        HttpContext http, ITicketIndex index, [FromKeyedServices(HotlineTime.Key)] TimeProvider time, SlaPolicy sla,
        [AsParameters] TicketListFilters filters, int? page, int? pageSize, string? cursor)
    {
        var size = pageSize ?? 50;
        if (size is < 1 or > MaxPageSize) return Problems.Invalid("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        if (page is < 1 or > 100_000) return Problems.Invalid("page", "page must be between 1 and 100000.");
        if (page is not null && cursor is not null) return Problems.Invalid("cursor", "Give either page or cursor, not both.");
        if (ListQuery(CurrentUser.From(http.User), sla.Calendar, time.GetUtcNow(), filters, page ?? 1, size, out var query) is { } problem)
        {
            return problem;
        }

        if (cursor is not null && !SqlTicketIndex.IsCursorOf(cursor, query.Sort))
        {
            return Problems.Invalid("cursor", "cursor must be the next of an earlier page of this list, in the same sort.");
        }

        var result = await index.SearchAsync(query with { Cursor = cursor });
        return TypedResults.Ok(new ListPage<SummaryView>([.. result.Items.Select(s => SummaryView.Of(s, sla.Calendar))], result.Total)
        {
            Next = result.Next,
            TotalIsLowerBound = result.TotalIsLowerBound ? true : null,
        });
    }

    /// <summary>
    /// The list's filters as a query, scoped to what the user may see (a department its own tickets, a
    /// grid worker its cell), or the problem with them. Shared by the list and the CSV export.
    /// </summary>
    internal static ProblemHttpResult? ListQuery(CurrentUser user, WorkingCalendar calendar, DateTimeOffset now, TicketListFilters filters,
        int page, int pageSize, out TicketQuery query)
    {
        query = null!;
        var (state, department, gridCell, overdue, from, to) = (filters.State, filters.Department, filters.GridCell, filters.Overdue, filters.From, filters.To);
        TicketState? stateFilter = null;
        if (state is not null)
        {
            stateFilter = ParseEnum<TicketState>(state);
            if (stateFilter is null)
            {
                return Problems.Invalid("state", $"Unknown state '{state}'.");
            }
        }

        if (user.Role == Roles.Department)
        {
            if (department is not null && department != user.Department)
            {
                return Problems.Forbidden($"A {user.Department} handler sees only tickets of {user.Department}.");
            }

            department = user.Department;
        }

        if (user.Role == Roles.GridWorker)
        {
            if (gridCell is not null && gridCell != user.GridCell)
            {
                return Problems.Forbidden($"A grid worker of {user.GridCell} sees only that cell.");
            }

            gridCell = user.GridCell;
        }

        if (PeriodFields.Check(from, to, calendar, out var fromAt, out var toAt) is { } period)
        {
            return period;
        }

        TicketChannel? channel = null;
        if (filters.Channel is { } channelName && (channel = ParseEnum<TicketChannel>(channelName)) is null)
        {
            return Problems.Invalid("channel", $"Unknown channel '{channelName}'.");
        }

        TicketType? type = null;
        if (filters.Type is { } typeName && (type = ParseEnum<TicketType>(typeName)) is null)
        {
            return BadType();
        }

        if (filters.Phone is not null && !Roles.SeesFullPhone(user.Role))
        {
            return Problems.Forbidden($"The role '{user.Role}' sees callers' numbers masked and cannot search by them.");
        }

        var phone = PhoneNumbers.Canonical(filters.Phone) is { Length: > 0 } digits ? digits : null;
        if (filters.Phone is not null && phone is null)
        {
            return Problems.Invalid("phone", "phone must contain digits, e.g. 13812345678.");
        }

        var text = string.IsNullOrWhiteSpace(filters.Q) ? null : filters.Q.Trim();
        if (text is { Length: < TicketSearch.MinLength })
        {
            return Problems.Invalid("q", $"q must be at least {TicketSearch.MinLength} characters (请至少输入两个字).");
        }

        if (!Sorts.TryGetValue(filters.Sort ?? "-acceptedAt", out var sort))
        {
            return Problems.Invalid("sort", $"sort must be one of {string.Join(", ", Sorts.Keys)}.");
        }

        query = new TicketQuery(stateFilter, department, gridCell, overdue, fromAt, toAt, now, page, pageSize)
        {
            Phone = phone,
            ReporterKnownTo = user.TakesReports ? user.Id : null,
            Text = text,
            Channel = channel,
            Type = type,
            Urgent = filters.Urgent,
            Supervised = filters.Supervised,
            PendingExtension = filters.PendingExtension,
            AwaitingSurvey = filters.AwaitingSurvey,
            Returned = filters.Returned,
            Sort = sort,
        };
        return null;
    }

    internal static ProblemHttpResult BadType() =>
        Problems.Invalid("type", "type must be one of consultation, help, complaint, report, suggestion, praise.");

    /// <summary>A department user acts for its own department; other roles have none to check.</summary>
    private static string? OwnDepartment(HttpContext http) => CurrentUser.From(http.User).Department;

    internal static async ValueTask<object?> DomainProblems(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (Problems.FromDomain(ex) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>One named value only: Enum.TryParse alone would also take numbers and comma-joined flags.</summary>
    internal static T? ParseEnum<T>(string? value) where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(value) && !value.Contains(',') && !int.TryParse(value, out _)
        && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : null;

    private static TimeSpan? ParseWorkingTime(string? value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
}
