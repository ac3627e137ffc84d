namespace HotlineDispatch.Assessment;

/// <summary>
/// <c>Hotline:Assessment</c>: the numbers of the monthly department assessment (考核). The defaults are
/// seed 003's: base 100, at most 110; 2 points per overdue case per day; 0.5 per percentage point of
/// completion below 100%; each item's deductions stop when its 15 points are used up (上述扣分至小项扣完为止).
/// </summary>
public sealed class AssessmentOptions
{
    public const string SectionName = "Hotline:Assessment";

    /// <summary>Below this many cases due in the month a department is shown but not ranked.</summary>
    public int MinimumCases { get; set; } = 5;

    public double BaseScore { get; set; } = 100;

    public double MaxScore { get; set; } = 110;

    public double PointsPerOverdueDay { get; set; } = 2;

    /// <summary>限时承诺 is worth 15 points: overdue deductions stop there.</summary>
    public double OverdueCap { get; set; } = 15;

    public double PointsPerCompletionPoint { get; set; } = 0.5;

    /// <summary>办事结果 is worth 15 points: completion deductions stop there.</summary>
    public double CompletionCap { get; set; } = 15;

    /// <summary>What a verified complaint costs when the supervisor does not say (seed 003: 视情每件次扣2-5分).</summary>
    public int DefaultComplaintPoints { get; set; } = 2;

    /// <summary>Satisfaction rate at or above which residents' rating is 好 (+2).</summary>
    public double GoodRating { get; set; } = 0.98;

    /// <summary>At or above: 较好 (+1).</summary>
    public double FairRating { get; set; } = 0.95;

    /// <summary>At or above: 一般 (0); below it 较差 (−2).</summary>
    public double AverageRating { get; set; } = 0.90;

    /// <summary>Throws naming the key when the numbers cannot make a sensible assessment.</summary>
    public AssessmentOptions Validate()
    {
        if (MinimumCases < 0) throw new ArgumentException($"{SectionName}:MinimumCases must not be negative.");
        if (MaxScore < BaseScore) throw new ArgumentException($"{SectionName}:MaxScore must not be below BaseScore.");
        if (DefaultComplaintPoints is < 1 or > 20) throw new ArgumentException($"{SectionName}:DefaultComplaintPoints must be between 1 and 20.");
        if (!(AverageRating <= FairRating && FairRating <= GoodRating && GoodRating <= 1 && AverageRating >= 0))
        {
            throw new ArgumentException($"{SectionName}: the rating bands need 0 ≤ AverageRating ≤ FairRating ≤ GoodRating ≤ 1.");
        }

        return this;
    }
}
