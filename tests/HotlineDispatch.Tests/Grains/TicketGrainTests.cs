using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Measures;
using HotlineDispatch.Residents;
using HotlineDispatch.Silo.Measures;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tests.Infrastructure;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace HotlineDispatch.Tests.Grains;

/// <summary>The ticket, number and department grains on a real test cluster, once per storage back end.</summary>
public abstract class TicketGrainTests(ClusterFixture fixture)
{
    private static readonly Actor Operator = new("op1", "operator");
    private static readonly Actor Dispatcher = new("disp1", "dispatcher");
    private static readonly Actor Swj = new("swj", "department", "SWJ");

    private static int _sequence = 100_000;

    private IGrainFactory Grains => fixture.Client;

    private static string NewId() => TicketNumbers.Format(new DateOnly(2026, 11, 23), Interlocked.Increment(ref _sequence));

    private async Task<ITicketGrain> Dispatched(string lead = "CGJ", string cell = "G-GRAIN")
    {
        var ticket = Grains.GetGrain<ITicketGrain>(NewId());
        await ticket.Execute(new AcceptTicket(TicketChannel.Call, new Caller("李四", "13900001111", false), "滨江路1号", cell,
            "井盖缺失，很危险", TicketType.Complaint, false), Operator);
        await ticket.Execute(new DispatchTicket(lead, [], null), Dispatcher);
        return ticket;
    }

    [Fact]
    public async Task Numbers_never_repeat_across_reactivations()
    {
        var grain = Grains.GetGrain<ITicketNumberGrain>(TicketNumbers.DayKey(new DateOnly(2026, 1, 5)));
        var numbers = new List<int>();
        for (var round = 0; round < 3; round++)
        {
            numbers.AddRange(await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => grain.Next())));
            await fixture.Cluster.DeactivateAsync(grain);
        }

        Assert.Equal(450, numbers.Distinct().Count());
    }

    [Fact]
    public async Task A_ticket_survives_deactivation_unchanged()
    {
        var ticket = await Dispatched();
        var before = await ticket.Get();
        await fixture.Cluster.DeactivateAsync(ticket);

        var after = await ticket.Get();
        Assert.Equal(before.History.Length, after.History.Length);
        Assert.Equal((before.State, before.Lead, before.SignBy), (after.State, after.Lead, after.SignBy));
    }

    [Fact]
    public async Task A_forbidden_step_crosses_the_grain_boundary_as_a_conflict_naming_the_state()
    {
        var ticket = await Dispatched();
        var error = await Assert.ThrowsAsync<TicketConflictException>(() => ticket.Execute(new CloseTicket(), Operator));

        Assert.Equal(TicketState.Dispatched, error.State);
    }

    [Fact]
    public async Task An_unknown_ticket_is_not_found()
    {
        await Assert.ThrowsAsync<TicketNotFoundException>(() => Grains.GetGrain<ITicketGrain>(NewId()).Get());
    }

    [Fact]
    public async Task Cards_are_recorded_at_their_due_time_and_counted_for_the_department()
    {
        var ticket = await Dispatched(lead: "GDGS");
        var signBy = (await ticket.Get()).SignBy!.Value;

        fixture.Clock.Advance(TimeSpan.FromHours(3));
        await ticket.Reconcile();
        await ticket.Reconcile();

        var cards = (await ticket.Get()).Cards.Where(c => c.Step == DeadlineStep.Sign).ToList();
        Assert.Equal([CardKind.Yellow, CardKind.Red], cards.Select(c => c.Kind));
        Assert.Equal(signBy, cards[1].DueAt);
        Assert.All(cards, c => Assert.Equal("GDGS", c.Department));

        var load = await Grains.GetGrain<IDepartmentGrain>("GDGS").GetLoad();
        Assert.True(load.Red >= 1);

        var stats = await fixture.Services.GetRequiredService<SqlMeasureStore>()
            .SumAsync(StatsDimension.Department, DateOnly.MinValue, DateOnly.MaxValue, CancellationToken.None);
        Assert.True(stats["GDGS"]["yellowCards"] >= 1);
        Assert.True(stats["GDGS"]["redCards"] >= 1);
    }

    [Fact]
    public async Task The_card_clock_records_a_card_at_its_second_without_a_call_even_after_deactivation()
    {
        var cell = $"G-CLOCK-{Interlocked.Increment(ref _sequence)}";
        var ticket = await Dispatched(lead: "GDGS", cell: cell);
        var signBy = (await ticket.Get()).SignBy!.Value;
        await fixture.Cluster.DeactivateAsync(ticket);

        fixture.Clock.Advance(signBy - fixture.Clock.GetUtcNow());

        // Nothing calls the ticket: only the clock can have woken it. The read model shows when it did.
        var index = fixture.Services.GetRequiredService<ITicketIndex>();
        var query = new TicketQuery(null, null, cell, null, null, null, fixture.Clock.GetUtcNow(), 1, 10);
        for (var attempt = 0; !(await index.SearchAsync(query)).Items.Single().RedFor.Contains("GDGS"); attempt++)
        {
            Assert.True(attempt < 200, "the card clock did not record the red card within 10 s");
            await Task.Delay(50);
        }

        var red = (await ticket.Get()).Cards.Single(c => c is { Step: DeadlineStep.Sign, Kind: CardKind.Red });
        Assert.Equal(signBy, red.DueAt);
        Assert.Equal(signBy, red.RecordedAt);
    }

    [Fact]
    public async Task The_reminder_is_aimed_at_the_next_card_and_removed_when_no_clock_runs()
    {
        var ticket = await Dispatched(lead: "RSJ");
        var table = fixture.Services.GetRequiredService<IReminderTable>();
        var nextCard = (await ticket.Get()).NextCardAt!.Value;

        var entry = Assert.Single((await table.ReadRows(ticket.GetGrainId())).Reminders);
        // The reminder service runs on the real clock, the deadlines on the fake one: compare the waits.
        var aimedWait = entry.StartAt - DateTime.UtcNow;
        Assert.InRange(aimedWait, nextCard - fixture.Clock.GetUtcNow() - TimeSpan.FromSeconds(30), nextCard - fixture.Clock.GetUtcNow());

        var rsj = new Actor("rsj", "department", "RSJ");
        await ticket.Execute(new SignTicket("RSJ"), rsj);
        await ticket.Execute(new ReplyTicket("RSJ", "已答复"), rsj);
        Assert.Empty((await table.ReadRows(ticket.GetGrainId())).Reminders);
    }

    [Fact]
    public async Task A_card_moves_the_reminder_on_and_the_tick_of_its_old_aim_writes_nothing()
    {
        var ticket = await Dispatched(lead: "JTJ");
        var table = fixture.Services.GetRequiredService<IReminderTable>();
        var yellow = (await ticket.Get()).NextCardAt!.Value;

        fixture.Clock.Advance(yellow - fixture.Clock.GetUtcNow());
        await ticket.Reconcile();
        var recorded = await ticket.Get();
        var red = recorded.NextCardAt!.Value;
        Assert.Contains(recorded.Cards, c => c.Kind == CardKind.Yellow);
        var entry = Assert.Single((await table.ReadRows(ticket.GetGrainId())).Reminders);
        var aimedWait = entry.StartAt - DateTime.UtcNow;
        Assert.InRange(aimedWait, red - fixture.Clock.GetUtcNow() - TimeSpan.FromSeconds(30), red - fixture.Clock.GetUtcNow());
        var stored = await StoredVersion(ticket);

        await ticket.AsReference<IRemindable>().ReceiveReminder("deadlines", default);

        Assert.Equal(entry.ETag, Assert.Single((await table.ReadRows(ticket.GetGrainId())).Reminders).ETag);
        Assert.Equal(stored, await StoredVersion(ticket));
        Assert.Equal(recorded.History.Length, (await ticket.Get()).History.Length);
    }

    private async Task<string?> StoredVersion(ITicketGrain ticket)
    {
        var state = new GrainState<TicketGrainState>();
        await fixture.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Hotline).ReadStateAsync("ticket", ticket.GetGrainId(), state);
        return state.ETag;
    }

    [Fact]
    public async Task A_department_queue_holds_its_open_tickets_most_urgent_first_and_drops_returned_ones()
    {
        var first = await Dispatched(lead: "YLJ");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Dispatched(lead: "YLJ");

        var queue = await Grains.GetGrain<IDepartmentGrain>("YLJ").GetQueue();
        var mine = queue.Where(s => s.Id == first.GetPrimaryKeyString() || s.Id == second.GetPrimaryKeyString()).ToList();
        Assert.Equal([first.GetPrimaryKeyString(), second.GetPrimaryKeyString()], mine.Select(s => s.Id));

        await first.Execute(new ReturnTicket("YLJ", "不属于园林局"), new Actor("ylj", "department", "YLJ"));
        queue = await Grains.GetGrain<IDepartmentGrain>("YLJ").GetQueue();
        Assert.DoesNotContain(queue, s => s.Id == first.GetPrimaryKeyString());
        Assert.Contains(queue, s => s.Id == second.GetPrimaryKeyString());
    }

    [Fact]
    public async Task A_department_reloads_its_queue_from_the_read_model_after_deactivation()
    {
        var ticket = await Dispatched(lead: "MZJ");
        var department = Grains.GetGrain<IDepartmentGrain>("MZJ");
        Assert.Contains(await department.GetQueue(), s => s.Id == ticket.GetPrimaryKeyString());

        await fixture.Cluster.DeactivateAsync(department);
        Assert.Contains(await department.GetQueue(), s => s.Id == ticket.GetPrimaryKeyString());
    }

    [Fact]
    public async Task A_department_that_missed_an_update_reloads_its_queue_from_the_read_model()
    {
        var (ticket, department) = await ReturnedUnseenBy("ZJJ", lostToo: []);

        var queue = await Eventually(department.GetQueue, q => q.All(s => s.Id != ticket));
        Assert.DoesNotContain(queue, s => s.Id == ticket);
    }

    [Fact]
    public async Task A_department_reload_that_fails_is_tried_again()
    {
        var (ticket, department) = await ReturnedUnseenBy("XZSPJ", lostToo: [nameof(IDepartmentGrain.Reload)]);
        await Eventually(() => Task.FromResult(fixture.Lost(department, nameof(IDepartmentGrain.Reload))), lost => lost > 0);
        fixture.Deliver(department, nameof(IDepartmentGrain.Reload));
        Assert.Contains(await department.GetQueue(), s => s.Id == ticket);

        var queue = await Eventually(async () =>
        {
            fixture.Clock.Advance(DepartmentResync.RetryAfter);
            return await department.GetQueue();
        }, q => q.All(s => s.Id != ticket));
        Assert.DoesNotContain(queue, s => s.Id == ticket);
    }

    /// <summary>A ticket returned by <paramref name="code"/> while the department's grain was told nothing of it.</summary>
    private async Task<(string Ticket, IDepartmentGrain Department)> ReturnedUnseenBy(string code, string[] lostToo)
    {
        var ticket = await Dispatched(lead: code);
        var department = Grains.GetGrain<IDepartmentGrain>(code);
        Assert.Contains(await department.GetQueue(), s => s.Id == ticket.GetPrimaryKeyString());

        string[] lost = [nameof(IDepartmentGrain.Track), .. lostToo];
        Array.ForEach(lost, method => fixture.Lose(department, method));
        await ticket.Execute(new ReturnTicket(code, "不属于本单位"), new Actor("handler", "department", code));
        fixture.Deliver(department, nameof(IDepartmentGrain.Track));
        return (ticket.GetPrimaryKeyString(), department);
    }

    /// <summary>A master answered by SWJ, and a ticket merged into it that has the answer.</summary>
    private async Task<(ITicketGrain Master, ITicketGrain Merged)> AnsweredMaster()
    {
        var master = await Dispatched(lead: "SWJ");
        var merged = Grains.GetGrain<ITicketGrain>(NewId());
        await merged.Execute(new AcceptTicket(TicketChannel.Sms, new Caller(null, "13700002222", false), "滨江路1号", "G-GRAIN",
            "滨江路井盖没了", TicketType.Complaint, false) { ReplyTo = "sms:+8613700002222" }, Operator);
        await merged.Execute(new MergeTicket(master.GetPrimaryKeyString()), Dispatcher);
        await master.Execute(new SignTicket("SWJ"), Swj);
        await master.Execute(new ReplyTicket("SWJ", "已补装井盖"), Swj);
        await Reached(merged, t => t.Result is not null);
        return (master, merged);
    }

    /// <summary>The merged ticket once its master's notices have reached it: the master delivers them after its own step is durable, outside the request.</summary>
    private static Task<TicketSnapshot> Reached(ITicketGrain merged, Func<TicketSnapshot, bool> delivered) => Eventually(merged.Get, delivered);

    /// <summary>What <paramref name="read"/> answers once <paramref name="done"/> holds of it, or after five seconds of asking.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var attempt = 0; attempt < 100 && !done(value); attempt++)
        {
            await Task.Delay(50);
            value = await read();
        }

        return value;
    }

    /// <summary>The resident heard both results, the standing one last, and was asked for one survey (what the outbox sends, and what the stats expect).</summary>
    private void AssertBothResultsAndOneSurvey(TicketSnapshot merged, string standing)
    {
        var told = new TicketNotices(DepartmentCatalog.LoadEmbedded()).For(merged, merged.History)
            .Where(n => n.Kind is NoticeKinds.Result or NoticeKinds.Survey).ToList();
        Assert.Equal([NoticeKinds.Result, NoticeKinds.Survey, NoticeKinds.Result], told.Select(n => n.Kind));
        Assert.Contains(standing, told[^1].Text);
        var calendar = fixture.Services.GetRequiredService<SlaPolicy>().Calendar;
        Assert.Single(merged.History.SelectMany(e => TicketMeasures.Of(e, calendar)), f => f.Measure == Measure.SurveyEligible);
    }

    [Fact]
    public async Task The_masters_reply_reaches_every_merged_ticket()
    {
        var (master, child) = await AnsweredMaster();

        var merged = await child.Get();
        Assert.Equal((TicketState.Merged, "已补装井盖", true), (merged.State, merged.Result, merged.AwaitingSurvey));
        Assert.Contains(child.GetPrimaryKeyString(), (await master.Get()).MergedIds);
    }

    [Fact]
    public async Task A_master_reworked_after_replying_gives_its_merged_tickets_the_new_result_and_no_second_survey()
    {
        var (master, child) = await AnsweredMaster();

        await master.Execute(new ReworkTicket("现场核查井盖规格不符"), Dispatcher);
        // Not asked about the answer being redone meanwhile.
        Assert.False((await Reached(child, t => !t.AwaitingSurvey)).AwaitingSurvey);
        await master.Execute(new ReplyTicket("SWJ", "已更换合规井盖"), Swj);
        var merged = await Reached(child, t => t.Result == "已更换合规井盖");

        AssertBothResultsAndOneSurvey(merged, "已更换合规井盖");
        // The prompt it already has now rates the result that stands.
        Assert.True(merged.AwaitingSurvey);
    }

    [Fact]
    public async Task A_master_reopened_by_its_residents_dissatisfaction_gives_an_already_surveyed_merged_ticket_the_new_result_only()
    {
        var (master, child) = await AnsweredMaster();
        await child.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Operator);

        await master.Execute(new SurveyTicket(SurveyRating.Dissatisfied, "井盖仍在晃动"), Operator);
        await master.Execute(new ReplyTicket("SWJ", "已加固井盖底座"), Swj);
        var merged = await Reached(child, t => t.Result == "已加固井盖底座");

        AssertBothResultsAndOneSurvey(merged, "已加固井盖底座");
        Assert.False(merged.AwaitingSurvey);
        Assert.Contains(merged.History, e => e.Action == TicketActions.MasterReplyWithdrawn);
    }

    [Fact]
    public async Task Merging_into_a_ticket_that_does_not_exist_changes_nothing()
    {
        var child = await Dispatched();
        await Assert.ThrowsAsync<TicketNotFoundException>(() => child.Execute(new MergeTicket(NewId()), Dispatcher));

        Assert.Equal(TicketState.Dispatched, (await child.Get()).State);
    }

    [Fact]
    public async Task Two_tickets_merged_into_each_other_at_once_end_with_one_merge_and_a_conflict()
    {
        await AssertOneMergeOfRing(2);
    }

    [Fact]
    public async Task A_ring_of_three_merges_at_once_ends_with_one_merge_and_two_conflicts()
    {
        await AssertOneMergeOfRing(3);
    }

    /// <summary>Merges each of <paramref name="size"/> tickets into the next, the last into the first, all at once.</summary>
    private async Task AssertOneMergeOfRing(int size)
    {
        var ring = new List<string>();
        for (var i = 0; i < size; i++)
        {
            var ticket = await Dispatched();
            // Each merge then waits for its ticket to load, so all of them are queued before any attach is sent.
            await fixture.Cluster.DeactivateAsync(ticket);
            ring.Add(ticket.GetPrimaryKeyString());
        }

        var outcomes = await Task.WhenAll(ring.Select(async (id, i) =>
        {
            try
            {
                await Grains.Merge(id, new MergeTicket(ring[(i + 1) % size]), Dispatcher);
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.OfType<Exception>(), e => Assert.IsType<TicketConflictException>(e));
        // Nothing half-done: one ticket is merged, and its master alone lists it.
        var tickets = await Task.WhenAll(ring.Select(id => Grains.GetGrain<ITicketGrain>(id).Get()));
        var merged = Assert.Single(tickets, t => t.State == TicketState.Merged);
        var master = Assert.Single(tickets, t => t.MergedIds.Length > 0);
        Assert.Equal(master.Id, merged.MasterId);
        Assert.Equal([merged.Id], master.MergedIds.AsEnumerable());
    }

    [Fact]
    public async Task Merging_a_ticket_that_does_not_exist_leaves_its_master_untouched()
    {
        var master = await Dispatched();
        await Assert.ThrowsAsync<TicketNotFoundException>(() => Grains.Merge(NewId(), new MergeTicket(master.GetPrimaryKeyString()), Dispatcher));

        Assert.Empty((await master.Get()).MergedIds);
    }

    [Fact]
    public async Task A_projection_repeated_after_a_crash_counts_only_the_events_not_yet_counted()
    {
        var ticket = await (await Dispatched(lead: "JYJ")).Get();
        var projection = fixture.Services.GetRequiredService<ITicketProjection>();
        var store = fixture.Services.GetRequiredService<SqlMeasureStore>();
        async Task<(long Dispatched, long Supervised)> Counts()
        {
            var row = (await store.SumAsync(StatsDimension.Department, DateOnly.MinValue, DateOnly.MaxValue, CancellationToken.None))["JYJ"];
            return (row["dispatched"], row["supervised"]);
        }

        var before = await Counts();

        // As if the grain lost its projection mark: the whole history again, with one new event at the end.
        var supervised = new TicketEvent(ticket.LastSeq + 1, fixture.Clock.GetUtcNow(), "sup", TicketActions.Supervise, ticket.State, ticket.State, "请加快")
        {
            Department = ticket.Lead,
        };
        ticket = ticket with { History = ticket.History.Add(supervised), Supervised = true };
        await projection.ProjectAsync(ticket, 0);
        await projection.ProjectAsync(ticket, 0);

        Assert.Equal((before.Dispatched, before.Supervised + 1), await Counts());
    }
}

public sealed class SqliteTicketGrainTests(SqliteClusterFixture fixture)
    : TicketGrainTests(fixture), IClassFixture<SqliteClusterFixture>;

public sealed class PostgresTicketGrainTests(PostgresClusterFixture fixture)
    : TicketGrainTests(fixture), IClassFixture<PostgresClusterFixture>;
