using HotlineDispatch.Assessment;
using HotlineDispatch.Deadlines;

namespace HotlineDispatch.Tests.Assessment;

/// <summary>The rules of the assessment one at a time, on the default 9–12 / 13–17 calendar.</summary>
public sealed class AssessmentScoringTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.From(new CalendarOptions());
    private static readonly AssessmentOptions Options = new() { MinimumCases = 2 };
    private static readonly DateTimeOffset November = At("2026-11-01 00:00");
    private static readonly DateTimeOffset December = At("2026-12-01 00:00");

    private static DateTimeOffset At(string local) =>
        DateTimeOffset.Parse(local.Replace(' ', 'T') + ":00+08:00", System.Globalization.CultureInfo.InvariantCulture);

    private static AssessmentCase Case(string id, string due, string? ended = null, string? paused = null, bool urgent = false,
        CaseOutcome? outcome = null) =>
        new(id, "CGJ", urgent, At(due), paused is null ? null : At(paused), ended is null ? null : At(ended),
            ended is null ? null : outcome ?? CaseOutcome.Replied);

    private static DepartmentScore One(params AssessmentCase[] cases) => One(DateTimeOffset.MaxValue, cases);

    private static DepartmentScore One(DateTimeOffset now, params AssessmentCase[] cases) =>
        AssessmentScoring.Score([new DepartmentRecord("CGJ", cases, 0, 0, [])], November, December, now, Calendar, Options).Single();

    [Fact]
    public void Lateness_over_a_weekend_only_costs_nothing_and_one_working_minute_costs_a_day()
    {
        var weekend = One(Case("a", "2026-11-06 17:00", ended: "2026-11-09 08:30"));
        Assert.Empty(weekend.Deductions.Overdue.Cases);

        var minute = One(Case("b", "2026-11-06 17:00", ended: "2026-11-09 09:01"));
        Assert.Equal(2, minute.Deductions.Overdue.Points);
    }

    [Fact]
    public void A_case_late_across_the_month_end_costs_each_month_its_own_days()
    {
        var late = Case("c", "2026-11-27 17:00", ended: "2026-12-02 17:00");
        Assert.Equal(1, One(late).Deductions.Overdue.Days);
        var decemberOnly = AssessmentScoring.Score([new DepartmentRecord("CGJ", [late], 0, 0, [])], December, At("2027-01-01 00:00"),
            DateTimeOffset.MaxValue, Calendar, Options).Single();
        Assert.Equal(2, decemberOnly.Deductions.Overdue.Days);
    }

    [Fact]
    public void A_pause_before_the_deadline_stops_lateness_and_one_after_it_does_not()
    {
        var now = At("2026-11-20 12:00");
        Assert.Empty(One(now, Case("p", "2026-11-10 17:00", paused: "2026-11-09 10:00")).Deductions.Overdue.Cases);
        Assert.Equal(8, One(now, Case("q", "2026-11-10 17:00", paused: "2026-11-11 10:00")).Deductions.Overdue.Days);
    }

    [Fact]
    public void Urgent_cases_count_clock_days_and_the_overdue_item_stops_at_15()
    {
        var urgent = One(Case("u", "2026-11-07 20:00", ended: "2026-11-08 21:00", urgent: true));
        Assert.Equal(2, urgent.Deductions.Overdue.Days);

        var many = One(Case("x", "2026-11-02 17:00", ended: "2026-11-06 17:00"), Case("y", "2026-11-02 17:00", ended: "2026-11-06 17:00"));
        Assert.Equal((16, 15.0), (many.Deductions.Overdue.Uncapped, many.Deductions.Overdue.Points));
    }

    [Fact]
    public void Completion_counts_cases_due_by_the_cut_off_and_leaves_returned_ones_aside()
    {
        var now = At("2026-11-20 09:00");
        var score = One(now,
            Case("done", "2026-11-10 17:00", ended: "2026-11-09 10:00"),
            Case("open", "2026-11-19 17:00"),
            Case("returned", "2026-11-10 17:00", ended: "2026-11-03 10:00", outcome: CaseOutcome.Returned),
            Case("not-yet-due", "2026-11-25 17:00"));
        Assert.Equal((2, 1, 15.0), (score.Deductions.Completion.Due, score.Deductions.Completion.Completed, score.Deductions.Completion.Points));
        Assert.Equal(0.5, score.Deductions.Completion.Rate);
    }

    [Fact]
    public void Completion_counts_summed_elsewhere_score_as_the_cases_they_were_counted_from()
    {
        var now = At("2026-11-20 09:00");
        var late = Case("late", "2026-11-02 17:00", ended: "2026-11-04 17:00");
        var open = Case("open", "2026-11-19 17:00");
        AssessmentCase[] all =
        [
            late,
            open,
            Case("done", "2026-11-10 17:00", ended: "2026-11-09 10:00"),
            Case("returned", "2026-11-10 17:00", ended: "2026-11-03 10:00", outcome: CaseOutcome.Returned),
            Case("not-yet-due", "2026-11-25 17:00"),
        ];
        var tally = CompletionTally.Of(all, November, now);
        var summed = AssessmentScoring.Score([new DepartmentRecord("CGJ", [late, open], 0, 0, []) { Completion = tally }],
            November, December, now, Calendar, Options).Single();

        Assert.Equal(new CompletionTally(3, 2), tally);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(One(now, all)), System.Text.Json.JsonSerializer.Serialize(summed));
    }

    [Fact]
    public void The_rating_bands_follow_the_satisfaction_rate()
    {
        ResidentRating Rate(long surveyed, long satisfied) => AssessmentScoring.Score(
            [new DepartmentRecord("CGJ", [], surveyed, satisfied, [])], November, December, December, Calendar, Options).Single().Rating;

        Assert.Equal(
            [ResidentRating.Good, ResidentRating.Fair, ResidentRating.Average, ResidentRating.Poor, ResidentRating.None],
            [Rate(50, 49), Rate(100, 96), Rate(10, 9), Rate(10, 8), Rate(0, 0)]);
    }

    [Fact]
    public void Equal_scores_share_a_rank_and_a_department_with_too_few_cases_is_shown_below_unranked()
    {
        AssessmentCase OnTime(string department, string id) =>
            new(id, department, false, At("2026-11-10 17:00"), null, At("2026-11-05 10:00"), CaseOutcome.Replied);

        var table = AssessmentScoring.Score(
            [
                new DepartmentRecord("A", [OnTime("A", "1"), OnTime("A", "2")], 0, 0, []),
                new DepartmentRecord("B", [OnTime("B", "3"), OnTime("B", "4")], 0, 0, []),
                new DepartmentRecord("C", [OnTime("C", "5"), OnTime("C", "6")], 0, 0,
                    [new VerifiedComplaint("vc-1", "2026-11", "C", null, "查实", 3, "sup1", November)]),
                new DepartmentRecord("D", [OnTime("D", "7")], 10, 10, []),
            ],
            November, December, December, Calendar, Options);

        Assert.Equal([("A", 1), ("B", 1), ("C", 3)], table.Take(3).Select(s => (s.Department, s.Rank!.Value)));
        Assert.Equal(97, table[2].Score);
        Assert.Equal(("D", null, 102.0), (table[3].Department, table[3].Rank, table[3].Score));
    }
}
