using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Measures;
using HotlineDispatch.Routing;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace HotlineDispatch.Tests.Tickets;

/// <summary>The ticket state machine of docs/domain.md §3, driven without a silo on a fake clock.</summary>
public sealed class TicketTests
{
    private static readonly DepartmentCatalog Departments = DepartmentCatalog.LoadEmbedded();
    private static readonly Actor Operator = new("op1", "operator");
    private static readonly Actor Dispatcher = new("disp1", "dispatcher");
    private static readonly Actor Cgj = new("cgj1", "department", "CGJ");
    private static readonly Actor Supervisor = new("sup1", "supervisor");
    private static readonly Actor Zjj = new("zjj1", "department", "ZJJ");

    // Monday 2026-11-23 09:00 in Beijing.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly SlaPolicy _sla = new(new SlaOptions(), WorkingCalendar.From(new CalendarOptions()));

    private TicketContext Now => new(_clock.GetUtcNow(), _sla, Departments);

    private Ticket Accepted(bool urgent = false, TicketType type = TicketType.Complaint)
    {
        var ticket = new Ticket("20261123-000001");
        ticket.Execute(new AcceptTicket(TicketChannel.Call, new Caller("张三", "13812341234", false), "春晖路3号", "G-001",
            "路灯不亮", type, urgent), Operator, Now);
        return ticket;
    }

    private Ticket Dispatched(params string[] co)
    {
        var ticket = Accepted();
        ticket.Execute(new DispatchTicket("CGJ", co, null), Dispatcher, Now);
        return ticket;
    }

    private Ticket Replied()
    {
        var ticket = Dispatched();
        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);
        ticket.Execute(new ReplyTicket("CGJ", "已修复"), Cgj, Now);
        return ticket;
    }

    [Fact]
    public void Accepting_records_the_first_event_and_the_caller()
    {
        var ticket = Accepted();

        Assert.Equal(TicketState.Accepted, ticket.State);
        var e = Assert.Single(ticket.History);
        Assert.Equal((1, TicketActions.Accept, "op1"), (e.Seq, e.Action, e.Actor));
        Assert.Equal("op1", ticket.LoggedBy);
    }

    [Fact]
    public void Accepting_without_content_names_the_field()
    {
        var ticket = new Ticket("20261123-000001");
        var error = Assert.Throws<TicketInputException>(() => ticket.Execute(
            new AcceptTicket(TicketChannel.Call, new Caller(null, null, false), "", null, "  ", TicketType.Help, false), Operator, Now));

        Assert.Equal("content", error.Field);
        Assert.False(ticket.Exists);
    }

    [Fact]
    public void A_step_on_a_ticket_that_does_not_exist_is_not_found()
    {
        var ticket = new Ticket("20261123-000009");
        Assert.Throws<TicketNotFoundException>(() => ticket.Execute(new CloseTicket(), Operator, Now));
    }

    [Fact]
    public void A_step_refused_for_its_last_field_changes_nothing()
    {
        var ticket = Accepted();
        Assert.Throws<TicketInputException>(() =>
            ticket.Execute(new DispatchTicket("CGJ", [], new string('长', 4001)), Dispatcher, Now));

        Assert.Equal((TicketState.Accepted, null, 0), (ticket.State, ticket.Lead, ticket.Round));
        Assert.Empty(ticket.Deadlines);
        Assert.Null(ticket.SignBy);

        var supervised = Dispatched();
        Assert.Throws<TicketInputException>(() => supervised.Execute(new SuperviseTicket(" "), Supervisor, Now));
        Assert.False(supervised.Supervised);
    }

    [Fact]
    public void Archiving_waits_for_the_survey_of_the_latest_answer()
    {
        var ticket = Replied();
        var error = Assert.Throws<TicketConflictException>(() => ticket.Execute(new CloseTicket(), Operator, Now));
        Assert.Contains("survey", error.Message);
    }

    [Fact]
    public void Only_the_lead_pauses_its_reply_clock()
    {
        var ticket = Dispatched("JTJ");
        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);

        Assert.Throws<TicketConflictException>(() =>
            ticket.Execute(new AwaitResident("请补充") { Department = "JTJ" }, new Actor("jtj", "department", "JTJ"), Now));
        ticket.Execute(new AwaitResident("请补充") { Department = "CGJ" }, Cgj, Now);
        Assert.Equal(TicketState.AwaitingResident, ticket.State);
    }

    [Fact]
    public void A_master_with_merged_tickets_cannot_itself_be_merged_and_targets_must_be_ticket_numbers()
    {
        var master = Accepted();
        master.Execute(new AttachMerged("20261123-000005"), Actor.System, Now);

        Assert.Throws<TicketConflictException>(() => master.EnsureCanMergeInto("20261123-000009"));
        Assert.Throws<TicketInputException>(() => Accepted().EnsureCanMergeInto("abc"));
    }

    [Fact]
    public void A_merged_ticket_cannot_become_a_master_and_the_refusal_names_its_own_master()
    {
        var merged = Dispatched();
        merged.Execute(new MergeTicket("20261123-000002"), Dispatcher, Now);

        var error = Assert.Throws<TicketConflictException>(() => merged.Execute(new AttachMerged("20261123-000005"), Actor.System, Now));
        Assert.Contains("merged into 20261123-000002", error.Message);
    }

    [Fact]
    public void Dispatch_starts_sign_and_reply_deadlines_in_working_time()
    {
        var ticket = Dispatched();

        Assert.Equal(TicketState.Dispatched, ticket.State);
        Assert.Equal("CGJ", ticket.Lead);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.FromHours(8)), ticket.SignBy);
        // Complaint: five working days of 7 h from Monday 09:00 ends Friday 17:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 17, 0, 0, TimeSpan.FromHours(8)), ticket.ReplyBy);
    }

    [Fact]
    public void A_dispatch_decided_at_intake_is_taken_with_the_accept_in_one_step()
    {
        var ticket = new Ticket("20261123-000002");
        ticket.Execute(new AcceptTicket(TicketChannel.Call, new Caller("张三", "13812341234", false), "春晖路3号", "G-001",
            "路灯不亮", TicketType.Complaint, false) { Dispatch = new DispatchTicket("CGJ", ["GDGS"], "来电时已判明") }, Operator, Now);

        Assert.Equal(TicketState.Dispatched, ticket.State);
        Assert.Equal(("CGJ", "GDGS"), (ticket.Lead, Assert.Single(ticket.Co).Department));
        Assert.Equal([TicketActions.Accept, TicketActions.Dispatch], ticket.History.Select(e => e.Action));
        Assert.All(ticket.History, e => Assert.Equal(Operator.Name, e.Actor));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.FromHours(8)), ticket.SignBy);
    }

    [Fact]
    public void A_refused_dispatch_at_intake_leaves_no_ticket()
    {
        var ticket = new Ticket("20261123-000003");
        var error = Assert.Throws<TicketInputException>(() => ticket.Execute(new AcceptTicket(TicketChannel.Call,
            new Caller("张三", "13812341234", false), "春晖路3号", "G-001", "路灯不亮", TicketType.Complaint, false)
            { Dispatch = new DispatchTicket("NOPE", [], null) }, Operator, Now));

        Assert.Equal("lead", error.Field);
        Assert.False(ticket.Exists);
        Assert.Equal("", ticket.Content);
    }

    [Fact]
    public void Dispatch_to_an_unknown_department_names_the_field_and_changes_nothing()
    {
        var ticket = Accepted();
        var error = Assert.Throws<TicketInputException>(() => ticket.Execute(new DispatchTicket("NOPE", [], null), Dispatcher, Now));

        Assert.Equal("lead", error.Field);
        Assert.Equal(TicketState.Accepted, ticket.State);
        Assert.Single(ticket.History);
    }

    [Fact]
    public void A_forbidden_step_names_the_current_state()
    {
        var ticket = Accepted();
        var error = Assert.Throws<TicketConflictException>(() => ticket.Execute(new ReplyTicket("CGJ", "done"), Cgj, Now));

        Assert.Equal(TicketState.Accepted, error.State);
        Assert.Contains("accepted", error.Message);
    }

    [Fact]
    public void Full_loop_dispatch_sign_reply_dissatisfied_reopen_reply_satisfied_close()
    {
        var ticket = Dispatched();
        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);
        ticket.Execute(new ReplyTicket("CGJ", "已修复"), Cgj, Now);
        ticket.Execute(new SurveyTicket(SurveyRating.Dissatisfied, "还是不亮"), Operator, Now);

        Assert.Equal(TicketState.Reopened, ticket.State);
        Assert.NotNull(ticket.ReplyBy);

        _clock.Advance(TimeSpan.FromHours(1));
        ticket.Execute(new ReplyTicket("CGJ", "更换灯泡"), Cgj, Now);
        ticket.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Operator, Now);
        ticket.Execute(new CloseTicket(), Operator, Now);

        Assert.Equal(TicketState.Closed, ticket.State);
        Assert.Equal(SurveyRating.Satisfied, ticket.Rating);
        Assert.Equal(
            [TicketActions.Accept, TicketActions.Dispatch, TicketActions.Sign, TicketActions.Reply, TicketActions.Survey,
             TicketActions.Reply, TicketActions.Survey, TicketActions.Close],
            ticket.History.Select(e => e.Action));
        Assert.Equal(Enumerable.Range(1, 8), ticket.History.Select(e => e.Seq));
    }

    [Fact]
    public void Dissatisfaction_gives_a_fresh_reply_limit_from_the_survey()
    {
        var ticket = Replied();
        _clock.Advance(TimeSpan.FromDays(1)); // Tuesday 09:00
        ticket.Execute(new SurveyTicket(SurveyRating.Dissatisfied, null), Operator, Now);

        // Five working days from Tuesday 09:00 end the next Monday at 17:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.FromHours(8)), ticket.ReplyBy);
    }

    [Fact]
    public void A_survey_is_answered_once_per_reply()
    {
        var ticket = Replied();
        ticket.Execute(new SurveyTicket(SurveyRating.Basic, null), Operator, Now);

        Assert.Throws<TicketConflictException>(() => ticket.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Operator, Now));
    }

    [Fact]
    public void Resolving_at_intake_needs_no_department_and_is_surveyed()
    {
        var ticket = Accepted(type: TicketType.Consultation);
        ticket.Execute(new ResolveNow("社保卡在区政务中心办理"), Operator, Now);
        ticket.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Operator, Now);
        ticket.Execute(new CloseTicket(), Operator, Now);

        Assert.Equal(TicketState.Closed, ticket.State);
        Assert.Null(ticket.Lead);
    }

    [Fact]
    public void Return_goes_back_to_the_dispatcher_and_can_be_dispatched_again()
    {
        var ticket = Dispatched();
        ticket.Execute(new ReturnTicket("CGJ", "属于水务局职责"), Cgj, Now);

        Assert.Equal(TicketState.Accepted, ticket.State);
        Assert.Null(ticket.Lead);
        Assert.Empty(ticket.Deadlines);

        ticket.Execute(new DispatchTicket("SWJ", [], "改派"), Dispatcher, Now);
        Assert.Equal(("SWJ", 2), (ticket.Lead, ticket.Round));
    }

    [Fact]
    public void Return_needs_a_reason()
    {
        var ticket = Dispatched();
        var error = Assert.Throws<TicketInputException>(() => ticket.Execute(new ReturnTicket("CGJ", ""), Cgj, Now));
        Assert.Equal("reason", error.Field);
    }

    [Fact]
    public void A_department_not_dispatched_to_cannot_sign()
    {
        var ticket = Dispatched();
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new SignTicket("JTJ"), new Actor("jtj", "department", "JTJ"), Now));
    }

    [Fact]
    public void Joint_ticket_co_handlers_sign_but_only_the_lead_replies()
    {
        var ticket = Dispatched("JTJ", "SWJ");
        Assert.Equal(4, ticket.Deadlines.Count);

        ticket.Execute(new SignTicket("JTJ"), new Actor("jtj", "department", "JTJ"), Now);
        Assert.Equal(TicketState.Dispatched, ticket.State);
        Assert.NotNull(ticket.Co.Single(c => c.Department == "JTJ").SignedAt);

        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);
        Assert.Equal(TicketState.InProgress, ticket.State);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new ReplyTicket("JTJ", "done"), new Actor("jtj", "department", "JTJ"), Now));
    }

    [Fact]
    public void The_lead_cannot_also_be_a_co_handler()
    {
        var ticket = Accepted();
        Assert.Throws<TicketInputException>(() => ticket.Execute(new DispatchTicket("CGJ", ["CGJ"], null), Dispatcher, Now));
    }

    [Fact]
    public void Awaiting_the_resident_pauses_the_reply_clock()
    {
        var ticket = Dispatched();
        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);
        var replyBy = ticket.ReplyBy!.Value;

        ticket.Execute(new AwaitResident("请提供具体位置"), Cgj, Now);
        Assert.Equal(TicketState.AwaitingResident, ticket.State);
        Assert.Null(ticket.NextCardAt);

        _clock.Advance(TimeSpan.FromDays(1)); // one working day passes while paused
        ticket.Execute(new ProvideResidentInfo("3号楼东侧"), Operator, Now);

        Assert.Equal(TicketState.InProgress, ticket.State);
        Assert.Equal(replyBy.AddDays(3), ticket.ReplyBy); // Friday 17:00 → the next Monday 17:00
    }

    [Fact]
    public void An_approved_extension_moves_the_reply_deadline_by_working_time()
    {
        var ticket = Dispatched();
        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);
        var replyBy = ticket.ReplyBy!.Value;

        ticket.Execute(new RequestExtension("CGJ", TimeSpan.FromDays(2), "需协调施工"), Cgj, Now);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new RequestExtension("CGJ", TimeSpan.FromDays(1), "again"), Cgj, Now));
        ticket.Execute(new DecideExtension(true, null), Supervisor, Now);

        Assert.Null(ticket.PendingExtension);
        Assert.Equal(replyBy.AddDays(4), ticket.ReplyBy); // two working days past a Friday
    }

    [Fact]
    public void A_rejected_extension_leaves_the_deadline()
    {
        var ticket = Dispatched();
        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);
        var replyBy = ticket.ReplyBy;
        ticket.Execute(new RequestExtension("CGJ", TimeSpan.FromHours(4), "需协调"), Cgj, Now);
        ticket.Execute(new DecideExtension(false, "理由不足"), Supervisor, Now);

        Assert.Equal(replyBy, ticket.ReplyBy);
        Assert.Equal(TicketActions.RejectExtension, ticket.History[^1].Action);
    }

    [Fact]
    public void Deciding_without_a_request_is_a_conflict()
    {
        var ticket = Dispatched();
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new DecideExtension(true, null), Supervisor, Now));
    }

    [Fact]
    public void Cards_fall_due_at_yellow_and_at_the_limit_and_are_recorded_once()
    {
        var ticket = Dispatched();
        var signBy = ticket.SignBy!.Value;

        _clock.Advance(TimeSpan.FromMinutes(96)); // 80% of two working hours
        var yellow = Assert.Single(ticket.RecordDueCards(_clock.GetUtcNow()));
        Assert.Equal((CardKind.Yellow, DeadlineStep.Sign, "CGJ"), (yellow.Kind, yellow.Step, yellow.Department));
        Assert.Empty(ticket.RecordDueCards(_clock.GetUtcNow()));

        _clock.Advance(TimeSpan.FromHours(5)); // noticed long after the limit
        var red = Assert.Single(ticket.RecordDueCards(_clock.GetUtcNow()));
        Assert.Equal(signBy, red.DueAt);
        Assert.True(red.RecordedAt > red.DueAt);
        Assert.Equal(signBy, ticket.History[^1].DueAt);
    }

    [Fact]
    public void Signing_late_is_not_on_time()
    {
        var ticket = Dispatched();
        _clock.Advance(TimeSpan.FromHours(3));
        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);

        Assert.False(ticket.History[^1].OnTime);
    }

    [Fact]
    public void Urgent_tickets_may_be_replied_without_signing()
    {
        var ticket = Accepted(urgent: true);
        ticket.Execute(new DispatchTicket("RQGS", [], null), Dispatcher, Now);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(30), ticket.SignBy);

        ticket.Execute(new ReplyTicket("RQGS", "已关阀"), new Actor("rq", "department", "RQGS"), Now);
        Assert.Equal(TicketState.Replied, ticket.State);
    }

    [Fact]
    public void A_merged_ticket_takes_the_masters_answer_once_and_is_surveyed()
    {
        var child = Dispatched();
        Assert.Throws<TicketInputException>(() => child.EnsureCanMergeInto(child.Id));

        child.Execute(new MergeTicket("20261123-000002"), Dispatcher, Now);
        Assert.Equal(TicketState.Merged, child.State);
        Assert.Throws<TicketConflictException>(() => child.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Operator, Now));

        child.Execute(new MasterReplied("20261123-000002", "已统一处理") { Department = "SWJ" }, Actor.System, Now);
        child.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Operator, Now);
        // Dispatched to CGJ before the merge, answered by the master's lead: the rating is the answerer's.
        Assert.Equal("SWJ", child.History[^1].Department);
        Assert.All(child.History.Skip(child.History.Count - 2).SelectMany(e => TicketMeasures.Of(e, _sla.Calendar)),
            f => Assert.Equal("SWJ", f.Department));
        child.Execute(new MasterReplied("20261123-000002", "已统一处理"), Actor.System, Now);
        Assert.False(child.AwaitingSurvey); // a repeated notice after the master's crash asks nothing again
        // A master whose merge of this ticket never completed speaks for another incident: ignored.
        child.Execute(new MasterReplied("20261123-000009", "别的事件的答复") { Department = "JTJ" }, Actor.System, Now);
        child.Execute(new MasterClosed("20261123-000009"), Actor.System, Now);
        Assert.Equal(("已统一处理", TicketState.Merged), (child.Result, child.State));
        child.Execute(new MasterClosed("20261123-000002"), Actor.System, Now);

        Assert.Equal(("已统一处理", TicketState.Closed), (child.Result, child.State));
    }

    [Fact]
    public void A_merged_ticket_follows_its_master_back_to_work_and_takes_each_notice_once()
    {
        var child = Dispatched();
        child.Execute(new MergeTicket("20261123-000002"), Dispatcher, Now);
        var answered = new MasterReplied("20261123-000002", "已修复") { Department = "SWJ", MasterSeq = 5 };
        var reworked = new MasterReplyWithdrawn("20261123-000002", 6);
        // The department may answer the rework in the same words: it is still the answer that now stands.
        var answeredAgain = answered with { MasterSeq = 8 };

        child.Execute(answered, Actor.System, Now);
        child.Execute(reworked, Actor.System, Now);
        Assert.False(child.AwaitingSurvey);
        Assert.Throws<TicketConflictException>(() => child.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Operator, Now));
        child.Execute(answeredAgain, Actor.System, Now);
        Assert.Equal((true, Ticket.AnsweredAgain), (child.AwaitingSurvey, child.History[^1].Note));

        // Delivered again after the master's crash, or late behind the notices that followed: nothing changes.
        var seen = child.History.Count;
        child.Execute(answered, Actor.System, Now);
        child.Execute(reworked, Actor.System, Now);
        child.Execute(answeredAgain, Actor.System, Now);
        Assert.Equal((seen, true), (child.History.Count, child.AwaitingSurvey));

        child.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Operator, Now);
        var measures = child.History.SelectMany(e => TicketMeasures.Of(e, _sla.Calendar)).Select(f => f.Measure).ToList();
        Assert.Equal((1, 1), (measures.Count(m => m == Measure.SurveyEligible), measures.Count(m => m == Measure.Surveyed)));
    }

    [Fact]
    public void Supervision_flags_an_open_ticket()
    {
        var ticket = Dispatched();
        ticket.Execute(new SuperviseTicket("请加快处理"), Supervisor, Now);
        Assert.True(ticket.Supervised);

        // Repeated after a timeout it is the same 督办; a new instruction is another.
        ticket.Execute(new SuperviseTicket("请加快处理"), Supervisor, Now);
        Assert.Equal(1, ticket.History.Count(e => e.Action == TicketActions.Supervise));
        ticket.Execute(new SuperviseTicket("今天下班前必须回复"), Supervisor, Now);
        Assert.Equal(2, ticket.History.Count(e => e.Action == TicketActions.Supervise));
    }

    [Fact]
    public void The_closing_check_sends_a_reply_back_for_rework_under_a_new_limit_before_the_resident_is_asked()
    {
        var ticket = Replied();
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("reason", Assert.Throws<TicketInputException>(() => ticket.Execute(new ReworkTicket(" "), Supervisor, Now)).Field);

        ticket.Execute(new ReworkTicket("现场核查路灯仍不亮"), Supervisor, Now);

        Assert.Equal((TicketState.InProgress, false, 2), (ticket.State, ticket.AwaitingSurvey, ticket.Round));
        var rework = ticket.History[^1];
        Assert.Equal((TicketActions.Rework, TicketState.Replied, "CGJ", "现场核查路灯仍不亮"), (rework.Action, rework.FromState, rework.Department, rework.Note));
        // A complaint has five working days again, counted from the check (Mon 10:00 → the next Mon 10:00).
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8)), ticket.ReplyBy);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Operator, Now));
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new ReworkTicket("再次返工"), Supervisor, Now));

        ticket.Execute(new ReplyTicket("CGJ", "已更换灯杆线路"), Cgj, Now);
        Assert.Equal((TicketState.Replied, true, Ticket.AfterRework), (ticket.State, ticket.AwaitingSurvey, ticket.History[^1].Note));
        ticket.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Operator, Now);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new ReworkTicket("回访后不再返工"), Supervisor, Now));
    }

    [Fact]
    public void A_rework_counts_once_and_its_second_reply_is_not_a_second_disposal()
    {
        var ticket = Replied();
        ticket.Execute(new ReworkTicket("现场核查路灯仍不亮"), Supervisor, Now);
        ticket.Execute(new ReplyTicket("CGJ", "已更换灯杆线路"), Cgj, Now);

        var measures = ticket.History.SelectMany(e => TicketMeasures.Of(e, _sla.Calendar)).Select(f => f.Measure).ToList();
        Assert.Equal(1, measures.Count(m => m == Measure.Reworked));
        Assert.Equal(1, measures.Count(m => m == Measure.Replied));
        Assert.Equal(1, measures.Count(m => m == Measure.SurveyEligible));
    }

    [Fact]
    public void A_reply_records_the_working_time_its_limit_allowed_and_the_working_time_it_took_without_the_pause()
    {
        var ticket = Dispatched();
        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);
        _clock.Advance(TimeSpan.FromHours(1));
        ticket.Execute(new AwaitResident("请提供具体位置"), Cgj, Now);
        _clock.Advance(TimeSpan.FromHours(4));
        ticket.Execute(new ProvideResidentInfo("在3号楼东侧"), Operator, Now);
        _clock.Advance(TimeSpan.FromHours(19));

        // Mon 09:00 to Tue 09:00 is one working day (7 h), of which Mon 10:00–14:00 (3 working hours) waited for the resident.
        ticket.Execute(new ReplyTicket("CGJ", "已修复"), Cgj, Now);

        var reply = ticket.History[^1];
        Assert.Equal((5 * 7 * 60, 4 * 60), (reply.CommittedMinutes, reply.WorkedMinutes));
        var facts = TicketMeasures.Of(reply, _sla.Calendar).ToDictionary(f => f.Measure, f => f.Amount);
        Assert.Equal((2100L, 240L), (facts[Measure.CommittedMinutes], facts[Measure.WorkedMinutes]));
    }

    [Fact]
    public void A_co_handler_signing_while_the_ticket_waits_for_the_resident_is_judged_on_the_stopped_clock()
    {
        var ticket = Dispatched("JTJ");
        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);
        _clock.Advance(TimeSpan.FromHours(1));
        ticket.Execute(new AwaitResident("请提供具体位置") { Department = "CGJ" }, Cgj, Now);
        // JTJ's two working hours for signing ended at 11:00; the clock stopped at 10:00.
        _clock.Advance(TimeSpan.FromHours(4));
        Assert.Empty(ticket.RecordDueCards(_clock.GetUtcNow()));

        ticket.Execute(new SignTicket("JTJ"), new Actor("jtj1", "department", "JTJ"), Now);

        Assert.Equal((TicketActions.Sign, "JTJ", true), (ticket.History[^1].Action, ticket.History[^1].Department, ticket.History[^1].OnTime));
    }

    [Fact]
    public void A_reply_whose_survey_is_never_answered_can_be_archived_once_the_survey_window_has_passed()
    {
        var ticket = Replied();
        _clock.Advance(TimeSpan.FromHours(55));

        // Three working days from Mon 09:00 end Wed 17:00; Wed 16:00 is still inside them.
        var early = Assert.Throws<TicketConflictException>(() => ticket.Execute(new CloseTicket(), Operator, Now));
        Assert.Contains("2026-11-25 17:00", early.Message);

        _clock.Advance(TimeSpan.FromHours(1));
        ticket.Execute(new CloseTicket(), Operator, Now);

        Assert.Equal((TicketState.Closed, false), (ticket.State, ticket.AwaitingSurvey));
        Assert.Contains("without a survey", ticket.History[^1].Note);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Operator, Now));
    }

    [Fact]
    public void Measures_follow_the_history()
    {
        var ticket = Replied();
        ticket.Execute(new SurveyTicket(SurveyRating.Dissatisfied, null), Operator, Now);

        var facts = ticket.History.SelectMany(e => TicketMeasures.Of(e, _sla.Calendar)).ToList();
        string[] expected =
        [
            Measure.Accepted, Measure.Dispatched, Measure.Signed, Measure.SignedOnTime, Measure.Replied,
            Measure.SurveyEligible, Measure.RepliedOnTime, Measure.CommittedMinutes, Measure.WorkedMinutes, Measure.Surveyed, Measure.Reopened,
        ];
        Assert.Equal(expected, facts.Select(f => f.Measure));
        Assert.All(facts.Skip(1), f => Assert.Equal("CGJ", f.Department));
    }

    [Fact]
    public void Redispatch_moves_a_signed_ticket_with_fresh_limits_and_stops_the_old_departments_clocks()
    {
        var ticket = Dispatched();
        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);
        _clock.Advance(TimeSpan.FromHours(1));

        ticket.Execute(new RedispatchTicket("ZJJ", ["JTJ"], "属住建局职责"), Dispatcher, Now);

        Assert.Equal((TicketState.Dispatched, "ZJJ"), (ticket.State, ticket.Lead));
        Assert.Equal(["JTJ"], ticket.Co.Select(c => c.Department));
        Assert.DoesNotContain(ticket.Deadlines, d => d.Department == "CGJ");
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromHours(2), ticket.SignBy);
        var e = ticket.History[^1];
        Assert.Equal((TicketActions.Redispatch, TicketState.InProgress, TicketState.Dispatched, "ZJJ", "CGJ", "属住建局职责"),
            (e.Action, e.FromState, e.ToState, e.Department, e.FromDepartment, e.Note));

        // Long past the old limits, nothing falls to CGJ any more.
        _clock.Advance(TimeSpan.FromDays(30));
        Assert.All(ticket.RecordDueCards(_clock.GetUtcNow()), c => Assert.NotEqual("CGJ", c.Department));
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new ReplyTicket("CGJ", "已修复"), Cgj, Now));
    }

    [Fact]
    public void Redispatch_needs_a_reason_another_department_and_a_ticket_with_a_department()
    {
        var ticket = Dispatched();
        Assert.Equal("reason", Assert.Throws<TicketInputException>(() => ticket.Execute(new RedispatchTicket("ZJJ", [], " "), Dispatcher, Now)).Field);
        Assert.Equal("lead", Assert.Throws<TicketInputException>(() => ticket.Execute(new RedispatchTicket("CGJ", [], "x"), Dispatcher, Now)).Field);
        Assert.Equal("lead", Assert.Throws<TicketInputException>(() => ticket.Execute(new RedispatchTicket("NOPE", [], "x"), Dispatcher, Now)).Field);

        ticket.Execute(new ReturnTicket("CGJ", "不归我局"), Cgj, Now);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new RedispatchTicket("ZJJ", [], "x"), Dispatcher, Now));
        Assert.Equal(3, ticket.LastSeq);
    }

    [Fact]
    public void Redispatch_counts_against_the_department_it_left_teaches_the_router_and_tells_the_new_lead_to_the_measures()
    {
        var ticket = Dispatched();
        ticket.Execute(new RedispatchTicket("ZJJ", [], "属住建局职责"), Dispatcher, Now);

        var facts = TicketMeasures.Of(ticket.History[^1], _sla.Calendar).ToList();
        Assert.Equal([(Measure.Dispatched, "ZJJ"), (Measure.Redispatched, "CGJ")], facts.Select(f => (f.Measure, f.Department)));
        var correction = RoutingCorrection.Of(TicketSnapshot.Of(ticket), ticket.History.Count - 1)!;
        Assert.Equal(("CGJ", "ZJJ", RoutingCorrection.Redispatch), (correction.Suggested, correction.Department, correction.Kind));
    }

    [Fact]
    public void A_signed_co_handler_contributes_and_only_the_lead_resumes_a_paused_ticket()
    {
        var ticket = Dispatched("ZJJ");
        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new ContributeToTicket("ZJJ", "已清理"), Zjj, Now));
        ticket.Execute(new SignTicket("ZJJ"), Zjj, Now);
        ticket.Execute(new ContributeToTicket("ZJJ", "已清理占道"), Zjj, Now);
        Assert.Equal((TicketActions.Contribute, "ZJJ", "已清理占道"), (ticket.History[^1].Action, ticket.History[^1].Department, ticket.History[^1].Note));
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new ContributeToTicket("CGJ", "x"), Cgj, Now));

        ticket.Execute(new AwaitResident("请提供照片") { Department = "CGJ" }, Cgj, Now);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new ProvideResidentInfo("已补充") { Department = "ZJJ" }, Zjj, Now));
        ticket.Execute(new ProvideResidentInfo("已补充") { Department = "CGJ" }, Cgj, Now);
        Assert.Equal(TicketState.InProgress, ticket.State);
    }

    private Ticket ResolvedAtIntake()
    {
        var ticket = Accepted(type: TicketType.Consultation);
        ticket.Execute(new ResolveNow("到区政务服务中心社保窗口办理"), Operator, Now);
        return ticket;
    }

    [Fact]
    public void Three_unanswered_survey_calls_archive_the_ticket_unsurveyed()
    {
        var ticket = ResolvedAtIntake();
        ticket.Execute(new SurveyUnreachable("无人接听"), Operator, Now);
        ticket.Execute(new SurveyUnreachable(null), Operator, Now);
        Assert.Equal((TicketState.Resolved, true), (ticket.State, ticket.AwaitingSurvey));
        Assert.Equal("attempt 1: 无人接听", ticket.History[2].Note);

        ticket.Execute(new SurveyUnreachable("关机"), Operator, Now);

        Assert.Equal((TicketState.Closed, false, null), (ticket.State, ticket.AwaitingSurvey, ticket.Rating));
        Assert.Equal([TicketActions.SurveyUnreachable, TicketActions.Close], ticket.History.TakeLast(2).Select(e => e.Action));
        Assert.DoesNotContain(ticket.History.SelectMany(e => TicketMeasures.Of(e, _sla.Calendar)), f => f.Measure == Measure.Surveyed);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new SurveyUnreachable(null), Operator, Now));
    }

    [Fact]
    public void An_unanswered_call_is_no_step_once_the_resident_has_rated_the_answer()
    {
        var ticket = ResolvedAtIntake();
        ticket.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Operator, Now);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new SurveyUnreachable(null), Operator, Now));
    }
}
