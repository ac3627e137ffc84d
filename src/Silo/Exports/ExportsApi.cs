using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Measures;
using HotlineDispatch.Silo.Privacy;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Silo.Tickets;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HotlineDispatch.Silo.Exports;

/// <summary>
/// <c>/api/v1/exports</c>: tickets and statistics as CSV files for Excel, with the same filters and the
/// same scoping as the list and the stats. Rows are written as the database reader yields them and
/// flushed as they go, so an export of any size holds a bounded amount in memory.
/// </summary>
public static class ExportsApi
{
    private const string ContentType = "text/csv; charset=utf-8";
    private const int FlushEvery = 500;

    /// <summary>The index read directly (it is stateless), for the row-by-row reading the <see cref="ITicketIndex"/> interface does not offer.</summary>
    public static IServiceCollection AddHotlineExports(this IServiceCollection services)
    {
        services.TryAddSingleton<SqlTicketIndex>();
        return services;
    }

    public static RouteGroupBuilder MapExportsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/exports").Audited(AuditActions.Export, "exports");

        group.MapGet("/tickets.csv", (HttpContext http, SqlTicketIndex index, DepartmentCatalog catalog, SlaPolicy sla,
            [FromKeyedServices(HotlineTime.Key)] TimeProvider time,
            [AsParameters] TicketListFilters filters) =>
        {
            if (TicketsApi.ListQuery(CurrentUser.From(http.User), sla.Calendar, time.GetUtcNow(), filters, 1, int.MaxValue, out var query) is { } problem)
            {
                return problem;
            }

            return Results.Stream(async body =>
            {
                await using var csv = new CsvWriter(body);
                await csv.RowAsync(["工单编号", "状态", "渠道", "类型", "紧急", "主办单位代码", "主办单位", "协办单位", "网格", "地址", "诉求摘要",
                    "受理时间", "签收时限", "办结时限", "黄牌单位", "红牌单位", "督办"]);
                var rows = 0;
                await foreach (var s in index.StreamAsync(query, http.RequestAborted))
                {
                    await csv.RowAsync(TicketRow(s, catalog, sla.Calendar));
                    if (++rows % FlushEvery == 0)
                    {
                        await csv.FlushAsync();
                    }
                }
            }, ContentType, "tickets.csv");
        }).RequireAuthorization(Policies.AnyUser).Produces<string>(contentType: ContentType);

        group.MapGet("/stats.csv", (HttpContext http, SqlMeasureStore store, DepartmentCatalog catalog, SlaPolicy sla,
            [FromKeyedServices(HotlineTime.Key)] TimeProvider time, string? from, string? to, string? by) =>
        {
            if (StatsApi.Period(from, to, by, sla.Calendar, time.GetUtcNow(), out var period) is { } problem)
            {
                return problem;
            }

            return Results.Stream(async body =>
            {
                await using var csv = new CsvWriter(body);
                await csv.RowAsync(["分组(" + period.Dimension + ")", "名称", "受理量", "直办量", "知识库直办量", "派单量", "签收量", "办结反馈量", "退单量",
                    "重办量", "回访量", "黄牌", "红牌", "超期件", "督办", "并单", "直办率", "知识库直办占比", "处置率", "按时办结率", "签收及时率",
                    "满意率", "回访率", "重办率", "退单率", "催办", "派单异议", "异议成立"]);
                await foreach (var (value, counts) in store.StreamAsync(period.Dimension, period.From, period.To, http.RequestAborted))
                {
                    await csv.RowAsync(StatsRowFields(StatsApi.Row(period.Dimension, value, counts, catalog)));
                }
            }, ContentType, $"stats-{period.Dimension}.csv");
        }).RequireAuthorization(Policies.Measures).Produces<string>(contentType: ContentType);

        return group;
    }

    private static IEnumerable<string?> TicketRow(TicketSummary s, DepartmentCatalog catalog, WorkingCalendar calendar)
    {
        string Names(IEnumerable<string> codes) => string.Join("、", codes.Select(c => catalog.Find(c)?.Name ?? c));
        DateTimeOffset? Local(DateTimeOffset? at) => at is { } value ? calendar.ToLocal(value) : null;

        return
        [
            s.Id, ZhLabels.Of(s.State), ZhLabels.Of(s.Channel), ZhLabels.Of(s.Type), s.Urgent ? "是" : "否",
            s.Lead, s.Lead is null ? null : catalog.Find(s.Lead)?.Name, Names(s.Co), s.GridCell, s.Address, s.Excerpt,
            CsvWriter.Time(Local(s.AcceptedAt)), CsvWriter.Time(Local(s.SignBy)), CsvWriter.Time(Local(s.ReplyBy)),
            Names(s.YellowFor), Names(s.RedFor), s.Supervised ? "是" : "否",
        ];
    }

    private static IEnumerable<string?> StatsRowFields(StatsRow r) =>
    [
        r.Key, r.Name,
        .. new[] { r.Accepted, r.Resolved, r.ResolvedWithKnowledge, r.Dispatched, r.Signed, r.Replied, r.Returned, r.Reopened, r.Surveyed,
            r.YellowCards, r.RedCards, r.Overdue, r.Supervised, r.Merged }.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. new[] { r.ImmediateRate, r.KnowledgeShare, r.DisposalRate, r.OnTimeRate, r.SignOnTimeRate, r.SatisfactionRate, r.ReturnVisitRate,
            r.ReopenRate, r.ReturnRate }.Select(CsvWriter.Percent),
        .. new[] { r.Urged, r.Disputed, r.DisputesUpheld }.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}
