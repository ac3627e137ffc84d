using HotlineDispatch.Measures;

namespace HotlineDispatch.Silo.Measures;

/// <summary>One group of <c>GET /api/v1/stats</c>: the counts and the rates of docs/domain.md §5 (null when undefined).</summary>
public sealed record StatsRow(
    string Key,
    string? Name,
    long Accepted,
    long Resolved,
    long Dispatched,
    long Signed,
    long Replied,
    long Returned,
    long Reopened,
    long Surveyed,
    long YellowCards,
    long RedCards,
    long Overdue,
    long Supervised,
    long Merged,
    double? ImmediateRate,
    double? DisposalRate,
    double? OnTimeRate,
    double? SignOnTimeRate,
    double? SatisfactionRate,
    double? ReturnVisitRate,
    double? ReopenRate,
    double? ReturnRate,
    long ResolvedWithKnowledge,
    double? KnowledgeShare,
    long Reworked,
    double? ReworkRate,
    long CommittedMinutes,
    long WorkedMinutes,
    double? SpeedUp,
    long Redispatched,
    double? RedispatchRate,
    long Urged,
    long Disputed,
    long DisputesUpheld)
{
    public static StatsRow From(string key, string? name, MeasureCounts n)
    {
        long N(string measure) => n[measure];

        // Within a period a step can count without its start (a reply to an older dispatch), so rates are capped at 1.
        double? Rate(string numerator, string denominator) =>
            N(denominator) == 0 ? null : Math.Min(1.0, (double)N(numerator) / N(denominator));

        return new StatsRow(
            key, name,
            N(Measure.Accepted), N(Measure.Resolved), N(Measure.Dispatched), N(Measure.Signed), N(Measure.Replied),
            N(Measure.Returned), N(Measure.Reopened), N(Measure.Surveyed), N(Measure.YellowCards), N(Measure.RedCards),
            N(Measure.Overdue), N(Measure.Supervised), N(Measure.Merged),
            Rate(Measure.Resolved, Measure.Accepted),
            Rate(Measure.Replied, Measure.Dispatched),
            Rate(Measure.RepliedOnTime, Measure.Replied),
            Rate(Measure.SignedOnTime, Measure.Signed),
            Rate(Measure.Satisfied, Measure.Surveyed),
            Rate(Measure.Surveyed, Measure.SurveyEligible),
            Rate(Measure.Reopened, Measure.Replied),
            Rate(Measure.Returned, Measure.Dispatched),
            N(Measure.ResolvedWithKnowledge),
            Rate(Measure.ResolvedWithKnowledge, Measure.Resolved),
            N(Measure.Reworked),
            Rate(Measure.Reworked, Measure.Replied),
            N(Measure.CommittedMinutes),
            N(Measure.WorkedMinutes),
            // Not capped: replies later than their limits took, on the whole, make it negative.
            N(Measure.CommittedMinutes) == 0 ? null : 1.0 - (double)N(Measure.WorkedMinutes) / N(Measure.CommittedMinutes),
            N(Measure.Redispatched),
            Rate(Measure.Redispatched, Measure.Dispatched),
            N(Measure.Urged),
            N(Measure.Disputed),
            N(Measure.DisputesUpheld));
    }
}
