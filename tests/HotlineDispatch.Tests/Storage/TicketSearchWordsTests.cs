using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Tests.Storage;

/// <summary>The words the keyword index holds of a ticket and asks of a keyword.</summary>
public sealed class TicketSearchWordsTests
{
    [Fact]
    public void A_text_holds_its_pairs_and_each_of_its_numbers_whole_once()
    {
        var words = TicketSearch.TextWords("人民路12号3栋12室");
        Assert.Equal(["n12", "n3"], words.Where(w => w.StartsWith('n')));
        Assert.Contains("00310032", words);
        Assert.Equal(words.Distinct().Count(), words.Length);
    }

    [Fact]
    public void A_keyword_asks_for_a_number_whole_only_where_characters_enclose_it()
    {
        Assert.Contains("n12", TicketSearch.KeywordWords("路12号"));
        Assert.DoesNotContain(TicketSearch.KeywordWords("路12"), w => w.StartsWith('n'));
        Assert.DoesNotContain(TicketSearch.KeywordWords("12号"), w => w.StartsWith('n'));
        Assert.DoesNotContain(TicketSearch.KeywordWords("12"), w => w.StartsWith('n'));
    }

    [Fact]
    public void The_time_words_follow_the_utc_month_and_year_of_acceptance()
    {
        var words = TicketSearch.IndexWords("漏水", new DateTimeOffset(2027, 1, 1, 7, 59, 0, TimeSpan.FromHours(8)));
        Assert.Equal(["m202612", "y2026"], words[^2..]);
    }
}
