namespace HotlineDispatch.Knowledge;

/// <summary>A question residents ask and the answer an operator may give at once (直办), with the department it concerns.</summary>
public sealed record KnowledgeEntry(
    string Id,
    string Question,
    string Answer,
    string? Department,
    IReadOnlyList<string> Tags,
    DateTimeOffset UpdatedAt,
    string UpdatedBy)
{
    /// <summary>Everything searched: the question, the tags and the answer.</summary>
    public IReadOnlySet<string> Grams() => TextGrams.Of(string.Join('\n', Tags.Prepend(Question).Append(Answer)));
}
