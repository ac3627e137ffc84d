using HotlineDispatch.Deadlines;

namespace HotlineDispatch.Assessment;

/// <summary>
/// The monthly department assessment of docs/domain.md §5 (seed 003's 考核办法), as a pure function of the
/// month's cases, survey answers and verified complaints.
/// <list type="bullet">
/// <item>Overdue: each case costs <c>PointsPerOverdueDay</c> for every working day (begun) it was past its
/// reply deadline within the month — so a case late across a month end costs in both months, each day
/// once. Lateness runs from the deadline in force to the answer (or the cut-off); a pause for the
/// resident taken before the deadline stops it, one taken after does not. Urgent cases count clock days.</item>
/// <item>Completion: of the cases whose deadline fell in the month up to the cut-off (returned and
/// merged ones aside), the share answered by the cut-off; each percentage point below 100% costs
/// <c>PointsPerCompletionPoint</c>.</item>
/// <item>Both items stop at their caps; verified complaints cost their own points; the residents'
/// rating adds +2/+1/0/−2; the score stays within 0 and <c>MaxScore</c>.</item>
/// </list>
/// </summary>
public static class AssessmentScoring
{
    public static IReadOnlyList<DepartmentScore> Score(
        IEnumerable<DepartmentRecord> departments,
        DateTimeOffset monthStart,
        DateTimeOffset monthEnd,
        DateTimeOffset now,
        WorkingCalendar calendar,
        AssessmentOptions options)
    {
        var cutoff = now < monthEnd ? now : monthEnd;
        var scored = departments.Select(d => ScoreOne(d, monthStart, cutoff, calendar, options)).ToList();
        var ranked = scored.Where(s => s.NotRankedBecause is null)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Deductions.Overdue.Days)
            .ThenBy(s => s.Department, StringComparer.Ordinal)
            .ToList();
        var result = new List<DepartmentScore>(scored.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            // Equal scores share a rank (1, 1, 3): the table must not suggest a difference there is none.
            var rank = i > 0 && ranked[i].Score == ranked[i - 1].Score ? result[i - 1].Rank : i + 1;
            result.Add(ranked[i] with { Rank = rank });
        }

        result.AddRange(scored.Where(s => s.NotRankedBecause is not null).OrderBy(s => s.Department, StringComparer.Ordinal));
        return result;
    }

    private static DepartmentScore ScoreOne(
        DepartmentRecord record, DateTimeOffset monthStart, DateTimeOffset cutoff, WorkingCalendar calendar, AssessmentOptions options)
    {
        var overdue = Overdue(record.Cases, monthStart, cutoff, calendar, options);
        var completion = Completion(record.Completion ?? CompletionTally.Of(record.Cases, monthStart, cutoff), options);
        var complaints = record.Complaints
            .Select(c => new ComplaintDeduction(c.Id, c.TicketId, c.Note, c.Points))
            .ToList();
        var deductions = new Deductions(overdue, completion, complaints);

        double? satisfaction = record.Surveyed == 0 ? null : Math.Min(1.0, (double)record.Satisfied / record.Surveyed);
        var rating = satisfaction switch
        {
            null => ResidentRating.None,
            var r when r >= options.GoodRating => ResidentRating.Good,
            var r when r >= options.FairRating => ResidentRating.Fair,
            var r when r >= options.AverageRating => ResidentRating.Average,
            _ => ResidentRating.Poor,
        };
        var ratingPoints = rating switch
        {
            ResidentRating.Good => 2,
            ResidentRating.Fair => 1,
            ResidentRating.Poor => -2,
            _ => 0,
        };

        var score = Math.Clamp(options.BaseScore - deductions.Total + ratingPoints, 0, options.MaxScore);
        var notRanked = completion.Due >= options.MinimumCases
            ? null
            : $"{completion.Due} case(s) due this month; at least {options.MinimumCases} are needed to rank.";
        return new DepartmentScore(
            record.Department, null, notRanked, Round(score), completion.Due, record.Surveyed, satisfaction, rating, ratingPoints, deductions);
    }

    private static OverdueDeduction Overdue(
        IReadOnlyList<AssessmentCase> cases, DateTimeOffset monthStart, DateTimeOffset cutoff, WorkingCalendar calendar, AssessmentOptions options)
    {
        var overdue = new List<OverdueCase>();
        foreach (var c in cases)
        {
            DateTimeOffset? lateUntil = c.EndedAt ?? (c.PausedAt is { } paused && paused <= c.DueAt ? null : cutoff);
            if (lateUntil is not { } end)
            {
                continue;
            }

            var from = c.DueAt > monthStart ? c.DueAt : monthStart;
            var to = end < cutoff ? end : cutoff;
            if (to <= from)
            {
                continue;
            }

            var clock = c.Urgent ? WorkingCalendar.AroundTheClock : calendar;
            var late = clock.WorkingTimeBetween(from, to);
            var days = (int)Math.Ceiling(late / clock.WorkingDayLength);
            if (days > 0)
            {
                overdue.Add(new OverdueCase(c.TicketId, days, days * options.PointsPerOverdueDay));
            }
        }

        var uncapped = overdue.Sum(o => o.Points);
        return new OverdueDeduction(
            Math.Min(uncapped, options.OverdueCap), uncapped, overdue.Sum(o => o.Days),
            overdue.OrderByDescending(o => o.Days).ThenBy(o => o.TicketId, StringComparer.Ordinal).ToList());
    }

    private static CompletionDeduction Completion(CompletionTally tally, AssessmentOptions options)
    {
        if (tally.Due == 0)
        {
            return new CompletionDeduction(0, 0, 0, null);
        }

        var rate = (double)tally.Completed / tally.Due;
        var points = Math.Min(options.CompletionCap, Round((1 - rate) * 100 * options.PointsPerCompletionPoint));
        return new CompletionDeduction(points, tally.Due, tally.Completed, rate);
    }

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
