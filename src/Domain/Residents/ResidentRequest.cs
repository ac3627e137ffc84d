using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Residents;

/// <summary>
/// What a resident's free-text message asks for (docs/domain.md §7): a status query, a survey answer, a new
/// report, or nothing usable. Commands are matched with full-width digits and spaces (common on Chinese
/// phones) read as ASCII; a report keeps the resident's own text.
/// </summary>
public abstract partial record ResidentRequest
{
    /// <summary><c>查询 &lt;number&gt;</c>; <see cref="Number"/> is null when what follows is not a ticket number.</summary>
    public sealed record StatusQuery(string? Number) : ResidentRequest;

    /// <summary><c>1</c>, <c>2</c> or <c>3</c> (optionally with its word) answering the latest survey prompt.</summary>
    public sealed record SurveyAnswer(SurveyRating Rating) : ResidentRequest;

    public sealed record Report(string Text) : ResidentRequest;

    /// <summary>Empty, or only whitespace: answered with help, never a ticket.</summary>
    public sealed record Unusable : ResidentRequest;

    public static ResidentRequest Parse(string? body)
    {
        var text = Normalize(body);
        if (text.Length == 0)
        {
            return new Unusable();
        }

        if (text.StartsWith(QueryWord, StringComparison.Ordinal))
        {
            // Residents type a colon (often a full-width one) after the word as often as a space.
            var rest = text[QueryWord.Length..].Trim().TrimStart(':', '：').Trim();
            return new StatusQuery(TicketNumbers.IsWellFormed(rest) ? rest : null);
        }

        var survey = SurveyShape().Match(text);
        if (survey.Success)
        {
            var rating = survey.Groups["digit"].Value switch
            {
                "1" => SurveyRating.Satisfied,
                "2" => SurveyRating.Basic,
                _ => SurveyRating.Dissatisfied,
            };
            if (!survey.Groups["word"].Success || survey.Groups["word"].Value == Word(rating))
            {
                return new SurveyAnswer(rating);
            }
        }

        return new Report(body!.Trim());
    }

    /// <summary>The word a survey answer stands for, as the prompt offers it.</summary>
    public static string Word(SurveyRating rating) => rating switch
    {
        SurveyRating.Satisfied => "满意",
        SurveyRating.Basic => "基本满意",
        _ => "不满意",
    };

    private const string QueryWord = "查询";

    private static string Normalize(string? body)
    {
        if (body is null)
        {
            return "";
        }

        // NFKC folds full-width forms (１, 　, －) into ASCII; invisible format characters count as space.
        var folded = body.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            builder.Append(char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format ? ' ' : c);
        }

        return builder.ToString().Trim();
    }

    [GeneratedRegex(@"^(?<digit>[123])\s*[.。:：、]?\s*(?<word>满意|基本满意|不满意)?$")]
    private static partial Regex SurveyShape();
}
