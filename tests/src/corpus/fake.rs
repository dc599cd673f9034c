//! Fake but plausible people, places, dates, amounts and identifiers.
//!
//! Every document in the corpus is about someone who does not exist. The lists are long
//! enough that neighbouring samples differ, and the formats (dates, money, postcodes, phone
//! numbers) follow each country's habits, because that is what real papers show the OCR.

use rand::RngExt;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::Lang;

/// A calendar date (no time zone; documents print days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–28 (fake dates avoid month ends).
    pub day: u32,
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A random date between the two years (inclusive).
    pub fn between(rng: &mut ChaCha8Rng, from: i32, to: i32) -> Date {
        Date {
            year: rng.random_range(from..=to),
            month: rng.random_range(1..=12),
            day: rng.random_range(1..=28),
        }
    }

    /// The same day `years` later.
    pub fn plus_years(self, years: i32) -> Date {
        Date {
            year: self.year + years,
            ..self
        }
    }

    /// The last day of this date's month (for pay periods).
    pub fn month_end(self) -> Date {
        let day = match self.month {
            2 if self.year % 4 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        Date { day, ..self }
    }

    /// `DD/MM/YYYY` (or `DD.MM.YYYY` when `dot`), as French and Spanish forms print it.
    pub fn numeric(self, sep: char) -> String {
        format!("{:02}{sep}{:02}{sep}{}", self.day, self.month, self.year)
    }

    /// `YYYY-MM-DD`, the labels' form.
    pub fn iso(self) -> String {
        format!("{}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `YYMMDD`, the machine-readable zone's form.
    pub fn yymmdd(self) -> String {
        format!(
            "{:02}{:02}{:02}",
            self.year.rem_euclid(100),
            self.month,
            self.day
        )
    }

    /// The month's name in a language.
    pub fn month_name(self, lang: Lang) -> &'static str {
        let i = (self.month as usize).saturating_sub(1).min(11);
        match lang {
            Lang::Fr => MONTHS_FR[i],
            Lang::Es => MONTHS_ES[i],
            Lang::En => MONTHS_EN[i],
        }
    }

    /// The date in words: `12 mars 2026`, `12 de marzo de 2026`, `12 March 2026`.
    pub fn long(self, lang: Lang) -> String {
        match lang {
            Lang::Fr => format!("{} {} {}", self.day, self.month_name(lang), self.year),
            Lang::Es => format!("{} de {} de {}", self.day, self.month_name(lang), self.year),
            Lang::En => format!("{} {} {}", self.day, self.month_name(lang), self.year),
        }
    }

    /// The date as the language's forms print it: `12/03/2026` or `12 Mar 2026`.
    pub fn short(self, lang: Lang) -> String {
        match lang {
            Lang::Fr | Lang::Es => self.numeric('/'),
            Lang::En => format!(
                "{:02} {} {}",
                self.day,
                &self.month_name(lang)[..3],
                self.year
            ),
        }
    }
}

/// Money as the language prints it: `1 234,56 €`, `1.234,56 €`, `£1,234.56`.
pub fn money(lang: Lang, cents: i64) -> String {
    let negative = cents < 0;
    let cents = cents.unsigned_abs();
    let units = (cents / 100).to_string();
    let (group, decimal) = match lang {
        Lang::Fr => (' ', ','),
        Lang::Es => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let sign = if negative { "-" } else { "" };
    match lang {
        Lang::En => format!("{sign}£{grouped}{decimal}{:02}", cents % 100),
        _ => format!("{sign}{grouped}{decimal}{:02} €", cents % 100),
    }
}

/// Money without a currency sign, for table columns.
pub fn amount(lang: Lang, cents: i64) -> String {
    money(lang, cents).replace(" €", "").replace('£', "")
}

/// Someone who does not exist.
#[derive(Debug, Clone)]
pub struct Person {
    /// Given names as printed (may be several).
    pub given: String,
    /// Surname(s) as printed.
    pub surname: String,
    /// `M` or `F`.
    pub sex: char,
    /// Date of birth.
    pub birth: Date,
    /// Town of birth, as printed.
    pub birthplace: String,
    /// Nationality (ICAO code).
    pub nationality: &'static str,
    /// Street line of the address.
    pub street: String,
    /// Postcode and town line of the address.
    pub town: String,
}

impl Person {
    /// `Given Surname`.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.given, self.surname)
    }

    /// `SURNAME Given`, the administrative order.
    pub fn admin_name(&self) -> String {
        format!("{} {}", self.surname.to_uppercase(), self.given)
    }

    /// Civility title in a language.
    pub fn title(&self, lang: Lang) -> &'static str {
        match (lang, self.sex) {
            (Lang::Fr, 'F') => "Madame",
            (Lang::Fr, _) => "Monsieur",
            (Lang::Es, 'F') => "Sra.",
            (Lang::Es, _) => "Sr.",
            (Lang::En, 'F') => "Ms",
            (Lang::En, _) => "Mr",
        }
    }
}

const GIVEN_F: &[(&str, Lang)] = &[
    ("Camille", Lang::Fr),
    ("Léa", Lang::Fr),
    ("Manon", Lang::Fr),
    ("Chloé", Lang::Fr),
    ("Inès", Lang::Fr),
    ("Sophie", Lang::Fr),
    ("Nathalie", Lang::Fr),
    ("Élodie", Lang::Fr),
    ("María", Lang::Es),
    ("Lucía", Lang::Es),
    ("Carmen", Lang::Es),
    ("Ana Belén", Lang::Es),
    ("Rocío", Lang::Es),
    ("Marta", Lang::Es),
    ("Pilar", Lang::Es),
    ("Nerea", Lang::Es),
    ("Emma", Lang::En),
    ("Olivia", Lang::En),
    ("Sarah", Lang::En),
    ("Grace", Lang::En),
    ("Hannah", Lang::En),
    ("Chloe", Lang::En),
    ("Megan", Lang::En),
    ("Ruth", Lang::En),
];
const GIVEN_M: &[(&str, Lang)] = &[
    ("Julien", Lang::Fr),
    ("Thomas", Lang::Fr),
    ("Nicolas", Lang::Fr),
    ("Hugo", Lang::Fr),
    ("Mathieu", Lang::Fr),
    ("Jean-Pierre", Lang::Fr),
    ("François", Lang::Fr),
    ("Rémi", Lang::Fr),
    ("Javier", Lang::Es),
    ("Alejandro", Lang::Es),
    ("José Luis", Lang::Es),
    ("Sergio", Lang::Es),
    ("Álvaro", Lang::Es),
    ("Manuel", Lang::Es),
    ("Iñigo", Lang::Es),
    ("Pablo", Lang::Es),
    ("James", Lang::En),
    ("Oliver", Lang::En),
    ("Daniel", Lang::En),
    ("Thomas", Lang::En),
    ("Liam", Lang::En),
    ("George", Lang::En),
    ("Samuel", Lang::En),
    ("Patrick", Lang::En),
];
const SURNAMES_FR: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Girard",
    "Fontaine",
    "Rousseau",
    "Lambert",
    "Bonnet",
    "Mercier",
    "Chevalier",
    "Gauthier",
    "Perrin",
    "Roussel",
    "Marchand",
];
const SURNAMES_ES: &[&str] = &[
    "García",
    "Fernández",
    "González",
    "Rodríguez",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Ruiz",
    "Díaz",
    "Moreno",
    "Muñoz",
    "Álvarez",
    "Romero",
    "Navarro",
];
const SURNAMES_EN: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Evans",
    "Walsh", "O'Brien", "Murphy", "Hughes", "Edwards", "Clarke", "Kelly",
];
/// People born elsewhere, as holders of residence permits are.
const FOREIGN: &[(&str, &str, char, &str, &str)] = &[
    ("Amina", "Diallo", 'F', "GIN", "Conakry"),
    ("Mamadou", "Traoré", 'M', "MLI", "Bamako"),
    ("Fatima", "El Amrani", 'F', "MAR", "Casablanca"),
    ("Youssef", "Benali", 'M', "DZA", "Oran"),
    ("Ahmad", "Rahimi", 'M', "AFG", "Herat"),
    ("Zahra", "Hosseini", 'F', "AFG", "Kabul"),
    ("Olena", "Kovalenko", 'F', "UKR", "Kharkiv"),
    ("Dmytro", "Shevchenko", 'M', "UKR", "Odesa"),
    ("Senait", "Tesfaye", 'F', "ERI", "Asmara"),
    ("Kwame", "Mensah", 'M', "GHA", "Kumasi"),
    ("Luz Marina", "Quispe", 'F', "PER", "Cusco"),
    ("Carlos Andrés", "Mejía", 'M', "COL", "Medellín"),
];

const STREETS_FR: &[&str] = &[
    "rue des Lilas",
    "avenue Jean Jaurès",
    "rue de la République",
    "chemin des Vignes",
    "boulevard Victor Hugo",
    "place du Marché",
    "allée des Tilleuls",
    "rue Pasteur",
];
const TOWNS_FR: &[(&str, &str)] = &[
    ("26400", "Crest"),
    ("07200", "Aubenas"),
    ("38000", "Grenoble"),
    ("69007", "Lyon"),
    ("13003", "Marseille"),
    ("31500", "Toulouse"),
    ("44000", "Nantes"),
    ("59000", "Lille"),
];
const STREETS_ES: &[&str] = &[
    "Calle Mayor",
    "Avenida de la Constitución",
    "Calle del Carmen",
    "Plaza de España",
    "Calle Real",
    "Paseo de la Estación",
    "Calle San Juan",
    "Avenida de Andalucía",
];
const TOWNS_ES: &[(&str, &str)] = &[
    ("28013", "Madrid"),
    ("41004", "Sevilla"),
    ("46001", "Valencia"),
    ("50001", "Zaragoza"),
    ("29008", "Málaga"),
    ("18009", "Granada"),
    ("08001", "Barcelona"),
    ("33003", "Oviedo"),
];
const STREETS_EN: &[&str] = &[
    "High Street",
    "Station Road",
    "Church Lane",
    "Victoria Road",
    "Park Avenue",
    "Mill Lane",
    "Queen Street",
    "Green Lane",
];
const TOWNS_EN: &[(&str, &str)] = &[
    ("LS6 2AB", "Leeds"),
    ("M14 5RT", "Manchester"),
    ("BS3 4QD", "Bristol"),
    ("NE6 1XP", "Newcastle upon Tyne"),
    ("CF24 3DG", "Cardiff"),
    ("B12 9LP", "Birmingham"),
    ("EH7 5HU", "Edinburgh"),
    ("L8 2TQ", "Liverpool"),
];

/// A street line and a postcode-and-town line in the language's country.
pub fn address(rng: &mut ChaCha8Rng, lang: Lang) -> (String, String) {
    let n = rng.random_range(1..=140);
    let pick = |rng: &mut ChaCha8Rng, s: &[&'static str]| *s.choose(rng).unwrap_or(&"");
    match lang {
        Lang::Fr => {
            let (pc, town) = *TOWNS_FR.choose(rng).unwrap_or(&TOWNS_FR[0]);
            (
                format!("{n} {}", pick(rng, STREETS_FR)),
                format!("{pc} {}", town.to_uppercase()),
            )
        }
        Lang::Es => {
            let (pc, town) = *TOWNS_ES.choose(rng).unwrap_or(&TOWNS_ES[0]);
            let floor = rng.random_range(1..=8);
            let door = ["A", "B", "C", "Izda.", "Dcha."]
                .choose(rng)
                .copied()
                .unwrap_or("A");
            (
                format!("{}, {n}, {floor}º {door}", pick(rng, STREETS_ES)),
                format!("{pc} {town}"),
            )
        }
        Lang::En => {
            let (pc, town) = *TOWNS_EN.choose(rng).unwrap_or(&TOWNS_EN[0]);
            (
                format!("{n} {}", pick(rng, STREETS_EN)),
                format!("{town} {pc}"),
            )
        }
    }
}

/// A town of the language's country (for issuers and places of birth).
pub fn town(rng: &mut ChaCha8Rng, lang: Lang) -> &'static str {
    let list = match lang {
        Lang::Fr => TOWNS_FR,
        Lang::Es => TOWNS_ES,
        Lang::En => TOWNS_EN,
    };
    list.choose(rng).map(|t| t.1).unwrap_or("Lyon")
}

/// A person of the language's country; `foreign` picks someone born abroad.
pub fn person(rng: &mut ChaCha8Rng, lang: Lang, foreign: bool) -> Person {
    let (street, town_line) = address(rng, lang);
    let birth = Date::between(rng, 1950, 2006);
    if foreign {
        let &(given, surname, sex, nationality, place) = FOREIGN.choose(rng).unwrap_or(&FOREIGN[0]);
        return Person {
            given: given.into(),
            surname: surname.into(),
            sex,
            birth,
            birthplace: place.into(),
            nationality,
            street,
            town: town_line,
        };
    }
    let sex = if rng.random_bool(0.5) { 'F' } else { 'M' };
    let pool: Vec<&str> = (if sex == 'F' { GIVEN_F } else { GIVEN_M })
        .iter()
        .filter(|(_, l)| *l == lang)
        .map(|(n, _)| *n)
        .collect();
    let given = pool.choose(rng).copied().unwrap_or("Alex").to_string();
    let surname = match lang {
        Lang::Fr => SURNAMES_FR
            .choose(rng)
            .copied()
            .unwrap_or("Martin")
            .to_string(),
        Lang::Es => format!(
            "{} {}",
            SURNAMES_ES.choose(rng).copied().unwrap_or("García"),
            SURNAMES_ES.choose(rng).copied().unwrap_or("López")
        ),
        Lang::En => SURNAMES_EN
            .choose(rng)
            .copied()
            .unwrap_or("Smith")
            .to_string(),
    };
    let nationality = match lang {
        Lang::Fr => "FRA",
        Lang::Es => "ESP",
        Lang::En => "GBR",
    };
    Person {
        given,
        surname,
        sex,
        birth,
        birthplace: town(rng, lang).into(),
        nationality,
        street,
        town: town_line,
    }
}

/// A string of `n` random digits.
pub fn digits(rng: &mut ChaCha8Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect()
}

/// A string of `n` random upper-case letters.
pub fn letters(rng: &mut ChaCha8Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'A' + rng.random_range(0..26u8)))
        .collect()
}

/// A string of `n` random letters and digits, mixed case (share tokens).
pub fn token(rng: &mut ChaCha8Rng, n: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    (0..n)
        .map(|_| char::from(*ALPHABET.choose(rng).unwrap_or(&b'a')))
        .collect()
}

/// A phone number as the country prints it.
pub fn phone(rng: &mut ChaCha8Rng, lang: Lang) -> String {
    let d = digits(rng, 8);
    match lang {
        Lang::Fr => format!("04 {} {} {} {}", &d[0..2], &d[2..4], &d[4..6], &d[6..8]),
        Lang::Es => format!("91{} {} {}", &d[0..1], &d[1..4], &d[4..7]),
        Lang::En => format!("0113 {} {}", &d[0..3], &d[3..7]),
    }
}

/// The Spanish DNI control letter of an 8-digit number.
pub fn dni_letter(number: u32) -> char {
    const LETTERS: &[u8] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    char::from(LETTERS[(number % 23) as usize])
}

/// A Spanish foreigner's identity number (NIE): X, Y or Z, seven digits and the DNI control
/// letter of the number they make, X, Y and Z counting as 0, 1 and 2.
pub fn nie(rng: &mut ChaCha8Rng) -> String {
    let prefix = rng.random_range(0..3u32);
    let digits = digits(rng, 7);
    let number = prefix * 10_000_000 + digits.parse::<u32>().unwrap_or_default();
    format!(
        "{}{digits}{}",
        char::from(b'X' + prefix as u8),
        dni_letter(number)
    )
}

/// A French social security number (NIR) with its key, spaced as printed.
pub fn nir(rng: &mut ChaCha8Rng, p: &Person) -> String {
    let sex = if p.sex == 'F' { 2 } else { 1 };
    let body = format!(
        "{sex}{:02}{:02}{}{}",
        p.birth.year % 100,
        p.birth.month,
        digits(rng, 2),
        digits(rng, 6)
    );
    let n: u64 = body.parse().unwrap_or(0);
    let key = 97 - n % 97;
    format!(
        "{} {} {} {} {} {} {key:02}",
        &body[0..1],
        &body[1..3],
        &body[3..5],
        &body[5..7],
        &body[7..10],
        &body[10..13]
    )
}

/// A UK National Insurance number.
pub fn nino(rng: &mut ChaCha8Rng) -> String {
    let d = digits(rng, 6);
    let suffix = ["A", "B", "C", "D"].choose(rng).copied().unwrap_or("A");
    format!(
        "{}{} {} {} {} {suffix}",
        letters(rng, 1).replace(['D', 'F', 'I', 'Q', 'U', 'V'], "J"),
        letters(rng, 1).replace(['D', 'F', 'I', 'O', 'Q', 'U', 'V'], "T"),
        &d[0..2],
        &d[2..4],
        &d[4..6]
    )
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn money_follows_each_countrys_habits() {
        assert_eq!(money(Lang::Fr, 123_456), "1 234,56 €");
        assert_eq!(money(Lang::Es, 123_456), "1.234,56 €");
        assert_eq!(money(Lang::En, 123_456), "£1,234.56");
        assert_eq!(money(Lang::Fr, -5), "-0,05 €");
    }

    #[test]
    fn dni_letter_matches_a_known_number() {
        // 12345678Z is the documented example.
        assert_eq!(dni_letter(12_345_678), 'Z');
    }

    #[test]
    fn nie_letters_count_the_prefix_as_a_digit() {
        let mut rng = ChaCha8Rng::seed_from_u64(23);
        for _ in 0..50 {
            let nie = nie(&mut rng);
            let as_number = nie[..8]
                .replace('X', "0")
                .replace('Y', "1")
                .replace('Z', "2");
            let letter = dni_letter(as_number.parse().unwrap());
            assert!(nie.starts_with(['X', 'Y', 'Z']), "{nie}");
            assert!(nie.ends_with(letter), "{nie}");
        }
    }
}
