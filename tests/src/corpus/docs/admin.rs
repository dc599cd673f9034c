//! Money papers: payslips, tax notices, benefit attestations, bank details, proofs of
//! address — the documents every French or Spanish procedure asks for, and their English
//! counterparts.
//!
//! Wording follows the real documents (French DGFiP, CAF, France Travail; Spanish Agencia
//! Tributaria, SEPE, padrón; British HMRC, DWP, utilities) with fake issuers where the real
//! one is a company.

use image::Rgb;
use rand::RngExt;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::Doc;
use super::letter::{Block, Letter, Mark, Table};
use crate::corpus::fake::{self, Date, Person, amount, money};
use crate::corpus::{Lang, Truth, icao};

/// `(k, v)` as owned strings.
pub fn kv(k: &str, v: impl Into<String>) -> (String, String) {
    (k.to_string(), v.into())
}

/// The addressee block of a letter.
pub fn recipient(p: &Person, lang: Lang) -> Vec<String> {
    vec![
        format!("{} {}", p.title(lang), p.full_name().to_uppercase()),
        p.street.clone(),
        p.town.clone(),
    ]
}

/// One of several values.
pub fn pick<T: Copy>(rng: &mut ChaCha8Rng, items: &[T]) -> T {
    *items.choose(rng).unwrap_or(&items[0])
}

/// A random saturated accent colour.
pub fn accent(rng: &mut ChaCha8Rng) -> Rgb<u8> {
    pick(
        rng,
        &[
            Rgb([0, 83, 155]),
            Rgb([0, 120, 90]),
            Rgb([170, 30, 45]),
            Rgb([90, 40, 130]),
            Rgb([200, 90, 0]),
            Rgb([20, 60, 90]),
            Rgb([0, 130, 160]),
        ],
    )
}

/// A logo mark with initials in a colour.
pub fn logo(rng: &mut ChaCha8Rng, color: Rgb<u8>, name: &str) -> Mark {
    let initials: String = name
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect();
    Mark::Logo(color, initials, rng.random_range(0..4))
}

/// A one-page document from a letter.
pub fn doc(template: &str, lang: Lang, letter: Letter, truth: Truth, rng: &mut ChaCha8Rng) -> Doc {
    Doc {
        template: format!("{template}-{}", lang.code()),
        pages: vec![letter.page(rng)],
        truth,
    }
}

const EMPLOYERS_FR: &[&str] = &[
    "Boulangerie Fontaine SARL",
    "Transports Rhône Vallée SAS",
    "Nettoyage Services Plus",
    "Restaurant Le Cèdre",
    "EHPAD Les Tilleuls",
    "Maraîchers de la Drôme SCEA",
];
const EMPLOYERS_ES: &[&str] = &[
    "Limpiezas Guadalquivir S.L.",
    "Hostelería del Sur S.A.",
    "Construcciones Ebro S.L.",
    "Frutas Hermanos Ruiz S.L.",
    "Residencia Los Olivos S.L.",
    "Logística Meseta S.A.",
];
const EMPLOYERS_EN: &[&str] = &[
    "Greenway Cleaning Services Ltd",
    "Harbour Café Ltd",
    "Northgate Logistics Ltd",
    "Meadowbank Care Home Ltd",
    "City Fresh Foods plc",
    "Brightstone Hotels Ltd",
];
const JOBS_FR: &[&str] = &[
    "Agent d'entretien",
    "Aide-cuisinier",
    "Employé polyvalent",
    "Aide-soignant",
    "Chauffeur livreur",
    "Ouvrier agricole",
];
const JOBS_ES: &[&str] = &[
    "Limpiador/a",
    "Ayudante de cocina",
    "Peón",
    "Auxiliar de geriatría",
    "Mozo de almacén",
    "Camarero/a",
];
const JOBS_EN: &[&str] = &[
    "Cleaner",
    "Kitchen Porter",
    "Warehouse Operative",
    "Care Assistant",
    "Delivery Driver",
    "Housekeeper",
];

/// An employer's name, for payslips and employment papers.
pub fn employer(rng: &mut ChaCha8Rng, lang: Lang) -> &'static str {
    pick(
        rng,
        match lang {
            Lang::Fr => EMPLOYERS_FR,
            Lang::Es => EMPLOYERS_ES,
            Lang::En => EMPLOYERS_EN,
        },
    )
}

/// A job title.
pub fn job(rng: &mut ChaCha8Rng, lang: Lang) -> &'static str {
    pick(
        rng,
        match lang {
            Lang::Fr => JOBS_FR,
            Lang::Es => JOBS_ES,
            Lang::En => JOBS_EN,
        },
    )
}

/// A payslip for one month.
pub fn payslip(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    let p = {
        let foreign = rng.random_bool(0.3);
        fake::person(rng, lang, foreign)
    };
    let start = Date {
        day: 1,
        ..Date::between(rng, 2023, 2026)
    };
    let end = start.month_end();
    let company = employer(rng, lang);
    let (street, town) = fake::address(rng, lang);
    let color = accent(rng);
    let hours: i64 = pick(rng, &[15167, 15167, 12000, 8667, 10400]);
    let rate: i64 = rng.random_range(1180..1650);
    let base = hours * rate / 100;
    let extra = if rng.random_bool(0.4) {
        rng.random_range(5000..25000)
    } else {
        0
    };
    let gross = base + extra;
    let period = format!("{}-{:02}", start.year, start.month);
    let truth = Truth {
        period: Some(period),
        ..Truth::default()
    };
    let letter = match lang {
        Lang::Fr => {
            let ss = gross * 690 / 10000;
            let ret = gross * 401 / 10000;
            let csg = gross * 9825 / 10000 * 680 / 10000;
            let crds = gross * 9825 / 10000 * 290 / 10000;
            let sante = rng.random_range(1500..4500);
            let net = gross - ss - ret - csg - crds - sante;
            let pas_rate = pick(rng, &[0i64, 0, 110, 230, 390]);
            let pas = net * pas_rate / 10000;
            let mut l = Letter::new(
                company,
                logo(rng, color, company),
                color,
                pick(rng, &["BULLETIN DE PAIE", "BULLETIN DE SALAIRE"]),
            );
            l.issuer_lines = vec![
                street,
                town,
                format!(
                    "SIRET : {} {} {} {}",
                    fake::digits(rng, 3),
                    fake::digits(rng, 3),
                    fake::digits(rng, 3),
                    fake::digits(rng, 5)
                ),
                format!(
                    "Code APE : {}{}",
                    fake::digits(rng, 4),
                    fake::letters(rng, 1)
                ),
            ];
            l.recipient = recipient(&p, lang);
            l.subtitle = Some(format!(
                "Période du {} au {} — Paiement le {}",
                start.numeric('/'),
                end.numeric('/'),
                end.numeric('/')
            ));
            l.refs = vec![
                kv("Salarié", p.admin_name()),
                kv("Emploi", job(rng, lang)),
                kv("Matricule", fake::digits(rng, 5)),
                kv("N° de sécurité sociale", fake::nir(rng, &p)),
                kv(
                    "Date d'entrée",
                    Date::between(rng, 2015, start.year - 1).numeric('/'),
                ),
                kv(
                    "Convention collective",
                    pick(
                        rng,
                        &[
                            "Propreté (IDCC 3043)",
                            "Boulangerie-pâtisserie (IDCC 843)",
                            "HCR (IDCC 1979)",
                            "Transports routiers (IDCC 16)",
                        ],
                    ),
                ),
            ];
            let mut rows = vec![vec![
                "Salaire de base".into(),
                format!("{},{:02} h", hours / 100, hours % 100),
                format!("{},{:04}", rate / 100, (rate % 100) * 100),
                amount(lang, base),
                String::new(),
            ]];
            if extra > 0 {
                rows.push(vec![
                    "Heures supplémentaires 25 %".into(),
                    String::new(),
                    String::new(),
                    amount(lang, extra),
                    String::new(),
                ]);
            }
            rows.extend([
                vec![
                    "SALAIRE BRUT".into(),
                    String::new(),
                    String::new(),
                    amount(lang, gross),
                    String::new(),
                ],
                vec![
                    "Santé — complémentaire".into(),
                    String::new(),
                    String::new(),
                    amount(lang, -sante),
                    amount(lang, sante * 3 / 2),
                ],
                vec![
                    "Sécurité sociale plafonnée".into(),
                    amount(lang, gross),
                    "6,90".into(),
                    amount(lang, -ss),
                    amount(lang, gross * 855 / 10000),
                ],
                vec![
                    "Retraite complémentaire T1".into(),
                    amount(lang, gross),
                    "4,01".into(),
                    amount(lang, -ret),
                    amount(lang, gross * 601 / 10000),
                ],
                vec![
                    "CSG déductible".into(),
                    amount(lang, gross * 9825 / 10000),
                    "6,80".into(),
                    amount(lang, -csg),
                    String::new(),
                ],
                vec![
                    "CSG/CRDS non déductible".into(),
                    amount(lang, gross * 9825 / 10000),
                    "2,90".into(),
                    amount(lang, -crds),
                    String::new(),
                ],
            ]);
            l.blocks = vec![
                Block::Table(Table {
                    head: vec![
                        "Rubrique".into(),
                        "Base".into(),
                        "Taux".into(),
                        "Part salarié".into(),
                        "Part employeur".into(),
                    ],
                    rows,
                    widths: vec![3.2, 1.4, 1.0, 1.4, 1.4],
                }),
                Block::Fields(vec![
                    kv("Net à payer avant impôt sur le revenu", money(lang, net)),
                    kv(
                        &format!(
                            "Impôt sur le revenu prélevé à la source (taux {},{:02} %)",
                            pas_rate / 100,
                            pas_rate % 100
                        ),
                        money(lang, -pas),
                    ),
                ]),
                Block::Total("NET À PAYER".into(), money(lang, net - pas)),
                Block::Fields(vec![
                    kv(
                        "Cumul brut annuel",
                        money(lang, gross * i64::from(start.month)),
                    ),
                    kv(
                        "Congés payés acquis",
                        format!("{},{} j", start.month * 2, 5),
                    ),
                ]),
            ];
            l.footer = vec!["Dans votre intérêt et pour vous aider à faire valoir vos droits, conservez ce bulletin de paie sans limitation de durée.".into()];
            l
        }
        Lang::Es => {
            let cc = gross * 470 / 10000;
            let desempleo = gross * 155 / 10000;
            let fp = gross * 10 / 10000;
            let mei = gross * 13 / 10000;
            let irpf_rate = pick(rng, &[200i64, 450, 800, 1100]);
            let irpf = gross * irpf_rate / 10000;
            let deducted = cc + desempleo + fp + mei + irpf;
            let mut l = Letter::new(
                company,
                logo(rng, color, company),
                color,
                "RECIBO INDIVIDUAL JUSTIFICATIVO DEL PAGO DE SALARIOS",
            );
            l.issuer_lines = vec![
                format!("Domicilio: {street}, {town}"),
                format!("CIF: B{}", fake::digits(rng, 8)),
                format!(
                    "C.C.C.: 28/{} {}",
                    fake::digits(rng, 7),
                    fake::digits(rng, 2)
                ),
            ];
            l.subtitle = Some(format!(
                "Periodo de liquidación: del {} al {} — Total días: 30",
                start.long(lang),
                end.long(lang)
            ));
            let nif = rng.random_range(10_000_000..99_999_999u32);
            l.refs = vec![
                kv("Trabajador/a", p.admin_name()),
                kv("NIF", format!("{nif}{}", fake::dni_letter(nif))),
                kv(
                    "Nº afiliación S.S.",
                    format!("28/{} {}", fake::digits(rng, 8), fake::digits(rng, 2)),
                ),
                kv("Categoría profesional", job(rng, lang)),
                kv("Grupo de cotización", rng.random_range(5..11).to_string()),
                kv(
                    "Antigüedad",
                    Date::between(rng, 2012, start.year - 1).numeric('/'),
                ),
            ];
            l.blocks = vec![
                Block::Heading("I. DEVENGOS".into()),
                Block::Table(Table {
                    head: vec![
                        "Concepto".into(),
                        "Unidades".into(),
                        "Precio".into(),
                        "Importe".into(),
                    ],
                    rows: vec![
                        vec![
                            "Salario base".into(),
                            "30".into(),
                            amount(lang, base / 30),
                            amount(lang, base),
                        ],
                        vec![
                            "Plus de transporte".into(),
                            String::new(),
                            String::new(),
                            amount(lang, extra / 2),
                        ],
                        vec![
                            "Prorrata pagas extraordinarias".into(),
                            String::new(),
                            String::new(),
                            amount(lang, extra - extra / 2),
                        ],
                    ],
                    widths: vec![3.0, 1.0, 1.2, 1.4],
                }),
                Block::Total("A. TOTAL DEVENGADO".into(), money(lang, gross)),
                Block::Heading("II. DEDUCCIONES".into()),
                Block::Table(Table {
                    head: vec![
                        "Concepto".into(),
                        "Base".into(),
                        "Tipo %".into(),
                        "Importe".into(),
                    ],
                    rows: vec![
                        vec![
                            "Contingencias comunes".into(),
                            amount(lang, gross),
                            "4,70".into(),
                            amount(lang, cc),
                        ],
                        vec![
                            "Desempleo".into(),
                            amount(lang, gross),
                            "1,55".into(),
                            amount(lang, desempleo),
                        ],
                        vec![
                            "Formación profesional".into(),
                            amount(lang, gross),
                            "0,10".into(),
                            amount(lang, fp),
                        ],
                        vec![
                            "Mecanismo de Equidad Intergeneracional".into(),
                            amount(lang, gross),
                            "0,13".into(),
                            amount(lang, mei),
                        ],
                        vec![
                            "Retención IRPF".into(),
                            amount(lang, gross),
                            format!("{},{:02}", irpf_rate / 100, irpf_rate % 100),
                            amount(lang, irpf),
                        ],
                    ],
                    widths: vec![3.0, 1.2, 1.0, 1.4],
                }),
                Block::Fields(vec![kv("B. TOTAL A DEDUCIR", money(lang, deducted))]),
                Block::Total(
                    "LÍQUIDO TOTAL A PERCIBIR (A-B)".into(),
                    money(lang, gross - deducted),
                ),
            ];
            l.place_date = Some(format!("{}, a {}", fake::town(rng, lang), end.long(lang)));
            l.signed_by = Some("Firma y sello de la empresa".into());
            l.footer = vec!["Recibí — Firma del trabajador/a".into()];
            l
        }
        Lang::En => {
            let tax = ((gross - 104_750).max(0)) * 20 / 100;
            let ni = ((gross - 104_800).max(0)) * 8 / 100;
            let pension = gross * 5 / 100;
            let net = gross - tax - ni - pension;
            let mut l = Letter::new(
                company,
                logo(rng, color, company),
                color,
                pick(rng, &["Payslip", "PAYSLIP", "Pay Advice"]),
            );
            l.issuer_lines = vec![
                street,
                town,
                format!(
                    "PAYE ref: {}/{}{}",
                    fake::digits(rng, 3),
                    fake::letters(rng, 2),
                    fake::digits(rng, 5)
                ),
            ];
            l.recipient = recipient(&p, lang);
            let tax_month = (start.month + 8) % 12 + 1;
            l.refs = vec![
                kv("Employee", p.full_name()),
                kv("Employee no.", fake::digits(rng, 6)),
                kv("NI number", fake::nino(rng)),
                kv("Tax code", pick(rng, &["1257L", "1257L M1", "BR", "1100L"])),
                kv(
                    "Pay period",
                    format!(
                        "Month {tax_month} — {} {}",
                        start.month_name(lang),
                        start.year
                    ),
                ),
                kv("Period ending", end.short(lang)),
                kv("Pay date", end.short(lang)),
            ];
            l.blocks = vec![
                Block::Table(Table {
                    head: vec![
                        "Payments".into(),
                        "Hours".into(),
                        "Rate".into(),
                        "Amount".into(),
                    ],
                    rows: vec![
                        vec![
                            "Basic pay".into(),
                            format!("{}.{:02}", hours * 2 / 3 / 100, hours * 2 / 3 % 100),
                            format!("{}.{:02}", rate / 100, rate % 100),
                            amount(lang, base * 2 / 3),
                        ],
                        vec![
                            "Overtime".into(),
                            String::new(),
                            String::new(),
                            amount(lang, extra),
                        ],
                        vec![
                            "Holiday pay".into(),
                            String::new(),
                            String::new(),
                            amount(lang, gross - base * 2 / 3 - extra),
                        ],
                    ],
                    widths: vec![3.0, 1.0, 1.0, 1.4],
                }),
                Block::Table(Table {
                    head: vec![
                        "Deductions".into(),
                        "This period".into(),
                        "Year to date".into(),
                    ],
                    rows: vec![
                        vec![
                            "PAYE tax".into(),
                            amount(lang, tax),
                            amount(lang, tax * i64::from(tax_month)),
                        ],
                        vec![
                            "National Insurance".into(),
                            amount(lang, ni),
                            amount(lang, ni * i64::from(tax_month)),
                        ],
                        vec![
                            "Pension (employee 5%)".into(),
                            amount(lang, pension),
                            amount(lang, pension * i64::from(tax_month)),
                        ],
                    ],
                    widths: vec![3.0, 1.4, 1.4],
                }),
                Block::Fields(vec![
                    kv("Gross pay", money(lang, gross)),
                    kv("Total deductions", money(lang, tax + ni + pension)),
                ]),
                Block::Total("NET PAY".into(), money(lang, net)),
                Block::Para("Paid by BACS transfer to your nominated account.".into()),
            ];
            l
        }
    };
    doc("payslip-monthly", lang, letter, truth, rng)
}

/// An income-tax notice or certificate.
pub fn tax_notice(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    let p = {
        let foreign = rng.random_bool(0.2);
        fake::person(rng, lang, foreign)
    };
    let year = rng.random_range(2021..2026);
    let salaries: i64 = rng.random_range(600_000..3_200_000);
    let color = accent(rng);
    let (template, l) = match lang {
        Lang::Fr => {
            let ref_income = salaries * 90 / 100;
            let tax = ((ref_income - 1_129_400).max(0)) * 11 / 100;
            let mut l = Letter::new(
                "Direction générale des Finances publiques",
                Mark::Marianne,
                Rgb([0, 0, 145]),
                &format!(
                    "AVIS D'IMPÔT {} SUR LES REVENUS DE L'ANNÉE {year}",
                    year + 1
                ),
            );
            l.issuer_lines = vec![
                format!("Centre des Finances publiques de {}", fake::town(rng, lang)),
                "impots.gouv.fr".into(),
            ];
            l.recipient = recipient(&p, lang);
            l.refs = vec![
                kv(
                    "Numéro fiscal",
                    format!(
                        "{} {} {} {} {}",
                        fake::digits(rng, 2),
                        fake::digits(rng, 2),
                        fake::digits(rng, 3),
                        fake::digits(rng, 3),
                        fake::digits(rng, 3)
                    ),
                ),
                kv(
                    "Référence de l'avis",
                    format!(
                        "{} {} {} {} {}",
                        fake::digits(rng, 2),
                        fake::digits(rng, 2),
                        fake::digits(rng, 4),
                        fake::digits(rng, 4),
                        fake::digits(rng, 2)
                    ),
                ),
                kv(
                    "Date de mise en recouvrement",
                    format!("31/07/{}", year + 1),
                ),
                kv("Nombre de parts", pick(rng, &["1", "1,5", "2", "2,5", "3"])),
            ];
            l.blocks = vec![
                Block::Heading("Vos revenus".into()),
                Block::Table(Table { head: vec!["Détail des revenus".into(), "Déclarant 1".into()], rows: vec![
                    vec!["Salaires, pensions, rentes".into(), amount(lang, salaries)],
                    vec!["Déduction 10 % ou frais réels".into(), amount(lang, -salaries / 10)],
                    vec!["Revenu brut global".into(), amount(lang, ref_income)],
                    vec!["Revenu imposable".into(), amount(lang, ref_income)],
                ], widths: vec![3.0, 1.2] }),
                Block::Fields(vec![kv("Revenu fiscal de référence", money(lang, ref_income)), kv("Impôt sur le revenu net", money(lang, tax)), kv("Prélèvements à la source déjà effectués", money(lang, tax))]),
                Block::Total("Montant restant à payer".into(), money(lang, 0)),
                Block::Para("Ce montant tient compte des prélèvements à la source déjà effectués. Si vous avez une question, rendez-vous dans votre espace particulier sur impots.gouv.fr ou contactez votre centre des Finances publiques.".into()),
            ];
            l.footer = vec!["Avis à conserver. Il peut vous être demandé pour bénéficier de certains droits (logement social, bourses, aides).".into()];
            ("tax-avis", l)
        }
        Lang::Es => {
            let base = salaries * 85 / 100;
            let retained = salaries * rng.random_range(4..15) / 100;
            let cuota = base * 19 / 100;
            let mut l = Letter::new(
                "Agencia Tributaria",
                logo(rng, Rgb([150, 20, 30]), "Agencia Tributaria"),
                Rgb([150, 20, 30]),
                &format!(
                    "CERTIFICADO DE IMPUTACIONES DEL IMPUESTO SOBRE LA RENTA DE LAS PERSONAS FÍSICAS — EJERCICIO {year}"
                ),
            );
            l.issuer_lines = vec![
                "Delegación Especial de ".to_string() + fake::town(rng, lang),
                "sede.agenciatributaria.gob.es".into(),
            ];
            let nif = rng.random_range(10_000_000..99_999_999u32);
            l.refs = vec![
                kv("NIF", format!("{nif}{}", fake::dni_letter(nif))),
                kv("Apellidos y nombre", p.admin_name()),
                kv("Nº de referencia", fake::token(rng, 6).to_uppercase()),
                kv(
                    "Código Seguro de Verificación",
                    fake::token(rng, 16).to_uppercase(),
                ),
            ];
            l.blocks = vec![
                Block::Para(format!("La Agencia Estatal de Administración Tributaria certifica que, según los datos que constan en esta Administración, el contribuyente arriba indicado ha presentado declaración del IRPF correspondiente al ejercicio {year} con los siguientes datos:")),
                Block::Table(Table { head: vec!["Concepto".into(), "Importe".into()], rows: vec![
                    vec!["Rendimientos íntegros del trabajo".into(), amount(lang, salaries)],
                    vec!["Retenciones e ingresos a cuenta".into(), amount(lang, retained)],
                    vec!["Base liquidable general".into(), amount(lang, base)],
                    vec!["Cuota resultante de la autoliquidación".into(), amount(lang, cuota)],
                ], widths: vec![3.0, 1.2] }),
                Block::Total("Resultado de la declaración".into(), money(lang, cuota - retained)),
                Block::Para("Y para que conste a efectos de su presentación ante la entidad solicitante, se expide el presente certificado.".into()),
            ];
            l.place_date = Some(format!(
                "{}, {}",
                fake::town(rng, lang),
                Date::between(rng, year + 1, year + 1).long(lang)
            ));
            l.footer = vec!["Documento firmado electrónicamente. Puede verificar su autenticidad mediante el Código Seguro de Verificación en la sede electrónica.".into()];
            ("tax-irpf", l)
        }
        Lang::En => {
            let allowance = 1_257_000;
            let taxable = (salaries - allowance).max(0);
            let mut l = Letter::new(
                "HM Revenue & Customs",
                logo(rng, color, "HM Revenue"),
                color,
                &format!(
                    "SA302 Tax calculation — tax year {}-{:02}",
                    year,
                    (year + 1) % 100
                ),
            );
            l.issuer_lines = vec!["BX9 1AS".into(), "gov.uk/self-assessment".into()];
            l.recipient = recipient(&p, lang);
            l.refs = vec![
                kv("Unique Taxpayer Reference (UTR)", fake::digits(rng, 10)),
                kv("National Insurance number", fake::nino(rng)),
                kv("Issued", Date::between(rng, year + 1, year + 1).short(lang)),
            ];
            l.blocks = vec![
                Block::Table(Table { head: vec!["Income".into(), "£".into()], rows: vec![
                    vec!["Pay from all employments".into(), amount(lang, salaries)],
                    vec!["Total income received".into(), amount(lang, salaries)],
                    vec!["minus Personal Allowance".into(), amount(lang, -allowance)],
                    vec!["Total income on which tax is due".into(), amount(lang, taxable)],
                ], widths: vec![3.0, 1.2] }),
                Block::Fields(vec![kv("Basic rate 20%", money(lang, taxable / 5)), kv("Income Tax due", money(lang, taxable / 5)), kv("Tax deducted (PAYE)", money(lang, taxable / 5))]),
                Block::Total("Total tax due".into(), money(lang, 0)),
                Block::Para("This calculation is based on the information in your tax return. Keep it with your records: lenders and local councils may ask for it.".into()),
            ];
            ("tax-sa302", l)
        }
    };
    doc(template, lang, l, Truth::default(), rng)
}

/// A benefit attestation or award letter.
pub fn benefits(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    let p = {
        let foreign = rng.random_bool(0.4);
        fake::person(rng, lang, foreign)
    };
    let when = Date::between(rng, 2023, 2026);
    let color = accent(rng);
    let months: Vec<Date> = (0..rng.random_range(3..7u32))
        .map(|i| Date {
            month: (when.month + 11 - i) % 12 + 1,
            day: 5,
            ..when
        })
        .collect();
    let (template, l) = match (lang, rng.random_bool(0.5)) {
        (Lang::Fr, true) => {
            let mut l = Letter::new(
                &format!("Caf de {}", fake::town(rng, lang)),
                logo(rng, Rgb([0, 90, 160]), "Caisse Allocations"),
                Rgb([0, 90, 160]),
                "ATTESTATION DE PAIEMENT",
            );
            l.issuer_lines = vec!["Caisse d'allocations familiales".into(), "caf.fr".into()];
            l.recipient = recipient(&p, lang);
            l.refs = vec![
                kv("N° allocataire", fake::digits(rng, 7)),
                kv("Date", when.numeric('/')),
            ];
            let rows = months
                .iter()
                .flat_map(|m| {
                    let mut out = vec![vec![
                        format!("{} {}", m.month_name(lang), m.year),
                        "Revenu de solidarité active (RSA)".into(),
                        amount(lang, rng.random_range(40_000..64_000)),
                    ]];
                    if rng.random_bool(0.6) {
                        out.push(vec![
                            format!("{} {}", m.month_name(lang), m.year),
                            "Aide personnalisée au logement (APL)".into(),
                            amount(lang, rng.random_range(15_000..32_000)),
                        ]);
                    }
                    out
                })
                .collect();
            l.blocks = vec![
                Block::Para(format!("La Caisse d'allocations familiales atteste que {} {} perçoit les prestations suivantes :", p.title(lang), p.full_name())),
                Block::Table(Table { head: vec!["Mois de droit".into(), "Prestation".into(), "Montant versé".into()], rows, widths: vec![1.4, 3.0, 1.2] }),
                Block::Para("Ces montants ont été versés sur le compte bancaire que vous nous avez indiqué. Attestation établie pour servir et valoir ce que de droit.".into()),
            ];
            l.footer = vec!["Caf — 0 969 32 52 52 (service gratuit + prix appel) — caf.fr".into()];
            ("benefits-caf", l)
        }
        (Lang::Fr, false) => {
            let daily: i64 = rng.random_range(3_200..6_500);
            let mut l = Letter::new(
                "France Travail",
                logo(rng, Rgb([30, 40, 120]), "France Travail"),
                Rgb([30, 40, 120]),
                "Attestation de paiement des allocations",
            );
            l.issuer_lines = vec![
                format!("Agence de {}", fake::town(rng, lang)),
                "francetravail.fr".into(),
            ];
            l.recipient = recipient(&p, lang);
            l.refs = vec![
                kv(
                    "Identifiant",
                    format!("{}{}", fake::digits(rng, 7), fake::letters(rng, 1)),
                ),
                kv("Édité le", when.numeric('/')),
            ];
            let rows = months
                .iter()
                .map(|m| {
                    vec![
                        format!("{}/{}", m.month, m.year),
                        "Allocation d'aide au retour à l'emploi (ARE)".into(),
                        "30".into(),
                        amount(lang, daily * 30),
                    ]
                })
                .collect();
            l.blocks = vec![
                Block::Para(format!(
                    "France Travail certifie avoir versé à {} {} les allocations suivantes :",
                    p.title(lang),
                    p.full_name()
                )),
                Block::Table(Table {
                    head: vec![
                        "Période".into(),
                        "Allocation".into(),
                        "Jours".into(),
                        "Montant net".into(),
                    ],
                    rows,
                    widths: vec![1.0, 3.2, 0.7, 1.3],
                }),
                Block::Fields(vec![
                    kv("Allocation journalière brute", money(lang, daily)),
                    kv("Fin de droits prévue le", when.plus_years(1).numeric('/')),
                ]),
            ];
            ("benefits-francetravail", l)
        }
        (Lang::Es, true) => {
            let mut l = Letter::new(
                "Servicio Público de Empleo Estatal",
                logo(rng, Rgb([0, 70, 140]), "Servicio Público"),
                Rgb([0, 70, 140]),
                "CERTIFICADO DE PRESTACIONES",
            );
            l.issuer_lines = vec![
                "Ministerio de Trabajo y Economía Social".into(),
                "sede.sepe.gob.es".into(),
            ];
            let nie = fake::nie(rng);
            l.refs = vec![
                kv("Apellidos y nombre", p.admin_name()),
                kv("DNI/NIE", nie),
                kv("Fecha de emisión", when.numeric('/')),
            ];
            let rows = months
                .iter()
                .map(|m| {
                    vec![
                        format!("{:02}/{}", m.month, m.year),
                        "Prestación contributiva por desempleo".into(),
                        amount(lang, rng.random_range(80_000..140_000)),
                        amount(lang, rng.random_range(70_000..120_000)),
                    ]
                })
                .collect();
            l.blocks = vec![
                Block::Para("El Servicio Público de Empleo Estatal certifica que, según los datos obrantes en esta entidad gestora, la persona arriba indicada ha percibido las siguientes prestaciones:".into()),
                Block::Table(Table { head: vec!["Período".into(), "Tipo de prestación".into(), "Importe bruto".into(), "Importe líquido".into()], rows, widths: vec![1.0, 3.0, 1.2, 1.2] }),
                Block::Para("Y para que así conste a petición de la persona interesada, se expide el presente certificado.".into()),
            ];
            l.footer = vec![
                "Código Seguro de Verificación: ".to_string()
                    + &fake::token(rng, 20).to_uppercase(),
            ];
            ("benefits-sepe", l)
        }
        (Lang::Es, false) => {
            let monthly = rng.random_range(50_000..110_000);
            let mut l = Letter::new(
                "Instituto Nacional de la Seguridad Social",
                logo(rng, Rgb([0, 100, 60]), "Seguridad Social"),
                Rgb([0, 100, 60]),
                "RESOLUCIÓN DE RECONOCIMIENTO DEL INGRESO MÍNIMO VITAL",
            );
            l.issuer_lines = vec![format!("Dirección Provincial de {}", fake::town(rng, lang))];
            l.recipient = recipient(&p, lang);
            l.refs = vec![
                kv(
                    "Nº de expediente",
                    format!("IMV/{}/{}", when.year, fake::digits(rng, 7)),
                ),
                kv("Fecha", when.numeric('/')),
            ];
            l.blocks = vec![
                Block::Para("Vista la solicitud presentada y de conformidad con la Ley 19/2021, por la que se establece el ingreso mínimo vital, esta Dirección Provincial RESUELVE reconocer el derecho a la prestación en los siguientes términos:".into()),
                Block::Fields(vec![kv("Titular", p.admin_name()), kv("Miembros de la unidad de convivencia", rng.random_range(1..5).to_string()), kv("Fecha de efectos", Date { day: 1, ..when }.numeric('/')), kv("Cuantía mensual", money(lang, monthly))]),
                Block::Para("Contra esta resolución podrá interponer reclamación previa a la vía jurisdiccional social en el plazo de 30 días.".into()),
            ];
            l.signed_by = Some("El Director Provincial".into());
            ("benefits-imv", l)
        }
        (Lang::En, true) => {
            let standard = pick(rng, &[31_185i64, 39_345, 48_979]);
            let housing = rng.random_range(30_000..75_000);
            let deduction = rng.random_range(0..9_000);
            let mut l = Letter::new(
                "Department for Work and Pensions",
                logo(rng, Rgb([0, 100, 80]), "Work Pensions"),
                Rgb([0, 100, 80]),
                "Your Universal Credit statement",
            );
            l.recipient = recipient(&p, lang);
            let end = Date {
                month: when.month % 12 + 1,
                ..when
            };
            l.refs = vec![
                kv(
                    "Assessment period",
                    format!("{} to {}", when.long(lang), end.long(lang)),
                ),
                kv("Payment date", end.plus_years(0).short(lang)),
            ];
            l.blocks = vec![
                Block::Table(Table { head: vec!["What you're entitled to".into(), "Amount".into()], rows: vec![
                    vec!["Standard allowance".into(), money(lang, standard)],
                    vec!["Housing costs element".into(), money(lang, housing)],
                ], widths: vec![3.0, 1.2] }),
                Block::Table(Table { head: vec!["What we take off".into(), "Amount".into()], rows: vec![
                    vec!["Advance repayment".into(), money(lang, deduction)],
                    vec!["Earnings".into(), money(lang, 0)],
                ], widths: vec![3.0, 1.2] }),
                Block::Total("Your payment".into(), money(lang, standard + housing - deduction)),
                Block::Para("We'll pay this into your account. Report any change of circumstances in your online account straight away.".into()),
            ];
            ("benefits-uc", l)
        }
        (Lang::En, false) => {
            let weekly = rng.random_range(4_000..14_000);
            let council = format!("{} City Council", fake::town(rng, lang));
            let mut l = Letter::new(
                &council,
                logo(rng, color, &council),
                color,
                "Housing Benefit — notice of entitlement",
            );
            l.issuer_lines = vec!["Revenues and Benefits Service".into()];
            l.recipient = recipient(&p, lang);
            l.refs = vec![
                kv("Claim reference", fake::digits(rng, 8)),
                kv("Date", when.short(lang)),
            ];
            l.blocks = vec![
                Block::Para("We have worked out your Housing Benefit. This letter tells you how much you will get and how we worked it out.".into()),
                Block::Fields(vec![kv("Weekly eligible rent", money(lang, weekly + rng.random_range(0..3000))), kv("Weekly Housing Benefit", money(lang, weekly)), kv("Starting from", when.long(lang))]),
                Block::Para("Your benefit will be paid direct to your landlord every four weeks. If you think this decision is wrong, you can ask us to look at it again within one month.".into()),
            ];
            ("benefits-housing", l)
        }
    };
    doc(template, lang, l, Truth::default(), rng)
}

/// Spanish bank-account control digits ("dígitos de control").
fn es_control(bank: &str, branch: &str, account: &str) -> String {
    const W: [u32; 10] = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
    let dc = |s: &str| {
        let sum: u32 = s
            .chars()
            .zip(W)
            .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
            .sum();
        match 11 - sum % 11 {
            11 => 0,
            10 => 1,
            d => d,
        }
    };
    format!("{}{}", dc(&format!("00{bank}{branch}")), dc(account))
}

/// A bank-details slip or account-ownership certificate.
pub fn bank_details(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    let p = {
        let foreign = rng.random_bool(0.3);
        fake::person(rng, lang, foreign)
    };
    let color = accent(rng);
    let (street, town) = fake::address(rng, lang);
    let (template, l, iban) = match lang {
        Lang::Fr => {
            let bank_name = pick(
                rng,
                &[
                    "Banque Régionale du Sud-Est",
                    "Caisse Solidaire Rhône-Alpes",
                    "Banque des Territoires Alpins",
                    "Crédit Coopératif Local",
                ],
            );
            let (bank, branch, account) = (
                fake::digits(rng, 5),
                fake::digits(rng, 5),
                format!(
                    "{}{}",
                    fake::digits(rng, 10),
                    pick(rng, &["0", "1", "2", "K", "M"])
                ),
            );
            let key = icao::rib_key(&bank, &branch, &account);
            let iban = icao::iban("FR", &format!("{bank}{branch}{account}{key}"));
            let mut l = Letter::new(
                bank_name,
                logo(rng, color, bank_name),
                color,
                pick(
                    rng,
                    &[
                        "RELEVÉ D'IDENTITÉ BANCAIRE",
                        "Relevé d'Identité Bancaire (RIB)",
                    ],
                ),
            );
            l.issuer_lines = vec![street, town];
            l.blocks = vec![
                Block::Fields(vec![kv("Titulaire du compte", format!("{} {}", p.title(lang).to_uppercase(), p.full_name().to_uppercase())), kv("Adresse", format!("{}, {}", p.street, p.town)), kv("Domiciliation", format!("{} {}", bank_name.to_uppercase(), fake::town(rng, lang).to_uppercase()))]),
                Block::Table(Table { head: vec!["Code banque".into(), "Code guichet".into(), "N° de compte".into(), "Clé RIB".into()], rows: vec![vec![bank, branch, account, key]], widths: vec![1.0, 1.0, 1.8, 0.7] }),
                Block::Fields(vec![kv("IBAN", icao::iban_printed(&iban)), kv("BIC", format!("{}FR{}", fake::letters(rng, 4), fake::letters(rng, 2)))]),
                Block::Space(6.0),
                Block::Para("Ce relevé est destiné à être remis, sur leur demande, à vos créanciers ou débiteurs appelés à faire inscrire des opérations à votre compte (virements, prélèvements, etc.).".into()),
            ];
            ("bank-rib", l, iban)
        }
        Lang::Es => {
            let bank_name = pick(
                rng,
                &[
                    "Banco Mediterráneo del Sur",
                    "Caja Rural del Norte",
                    "Banco Solidario de Castilla",
                    "Caixa Popular de Llevant",
                ],
            );
            let (bank, branch, account) = (
                fake::digits(rng, 4),
                fake::digits(rng, 4),
                fake::digits(rng, 10),
            );
            let dc = es_control(&bank, &branch, &account);
            let iban = icao::iban("ES", &format!("{bank}{branch}{dc}{account}"));
            let mut l = Letter::new(
                bank_name,
                logo(rng, color, bank_name),
                color,
                "CERTIFICADO DE TITULARIDAD DE CUENTA",
            );
            l.issuer_lines = vec![format!("Oficina {branch} — {street}"), town];
            l.blocks = vec![
                Block::Para(format!("{}, entidad de crédito inscrita en el Registro del Banco de España con el código {bank}, CERTIFICA:", bank_name)),
                Block::Para(format!("Que {} {}, con documento de identidad {}{}, figura como titular de la cuenta que se indica a continuación:", p.title(lang), p.full_name().to_uppercase(), fake::digits(rng, 8), fake::letters(rng, 1))),
                Block::Fields(vec![kv("IBAN", icao::iban_printed(&iban)), kv("BIC / SWIFT", format!("{}ES{}", fake::letters(rng, 4), fake::letters(rng, 2))), kv("Tipo de cuenta", pick(rng, &["Cuenta corriente", "Cuenta básica", "Cuenta de ahorro"])), kv("Fecha de apertura", Date::between(rng, 2010, 2024).numeric('/'))]),
                Block::Para("Y para que conste a los efectos oportunos, se expide el presente certificado a petición del interesado.".into()),
            ];
            l.place_date = Some(format!(
                "En {}, a {}",
                fake::town(rng, lang),
                Date::between(rng, 2024, 2026).long(lang)
            ));
            l.signed_by = Some("Director/a de la oficina".into());
            l.stamp = Some(vec![
                bank_name
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_uppercase(),
                format!("Oficina {branch}"),
            ]);
            ("bank-titularidad", l, iban)
        }
        Lang::En => {
            let bank_name = pick(
                rng,
                &[
                    "Northern Counties Bank",
                    "Harbour Building Society",
                    "Pennine Savings Bank",
                    "Union Street Bank",
                ],
            );
            let (code, sort, account) = (
                fake::letters(rng, 4),
                fake::digits(rng, 6),
                fake::digits(rng, 8),
            );
            let iban = icao::iban("GB", &format!("{code}{sort}{account}"));
            let mut l = Letter::new(
                bank_name,
                logo(rng, color, bank_name),
                color,
                pick(
                    rng,
                    &["Confirmation of your bank details", "Your account details"],
                ),
            );
            l.issuer_lines = vec![street, town];
            l.recipient = recipient(&p, lang);
            l.place_date = Some(Date::between(rng, 2024, 2026).long(lang));
            l.blocks = vec![
                Block::Para("As requested, here are the details of your account. You can give them to anyone who needs to pay money into it, such as your employer or the Department for Work and Pensions.".into()),
                Block::Fields(vec![kv("Account name", p.full_name().to_uppercase()), kv("Account type", pick(rng, &["Basic Bank Account", "Current Account"])), kv("Sort code", format!("{}-{}-{}", &sort[0..2], &sort[2..4], &sort[4..6])), kv("Account number", account), kv("IBAN", icao::iban_printed(&iban)), kv("BIC", format!("{code}GB2L"))]),
                Block::Para("Never share your PIN or online banking passcodes. We will never ask you for them.".into()),
            ];
            ("bank-confirmation", l, iban)
        }
    };
    let truth = Truth {
        iban_valid: Some(icao::iban_is_valid(&iban)),
        iban: Some(iban),
        ..Truth::default()
    };
    doc(template, lang, l, truth, rng)
}

/// A bill, rent receipt or attestation that shows where someone lives.
pub fn proof_of_address(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    let p = {
        let foreign = rng.random_bool(0.4);
        fake::person(rng, lang, foreign)
    };
    let when = Date::between(rng, 2024, 2026);
    let color = accent(rng);
    let variant = rng.random_range(0..3);
    let (template, l) = match (lang, variant) {
        (Lang::Fr, 0) | (Lang::Es, 0) | (Lang::En, 0) => energy_bill(lang, &p, when, color, rng),
        (Lang::Fr, 1) => {
            let host = fake::person(rng, lang, false);
            let mut l = Letter::new(
                &host.full_name(),
                Mark::None,
                color,
                "ATTESTATION D'HÉBERGEMENT",
            );
            l.issuer_lines = vec![host.street.clone(), host.town.clone()];
            l.blocks = vec![
                Block::Para(format!("Je soussigné(e) {}, né(e) le {} à {}, demeurant {}, {}, certifie sur l'honneur héberger à mon domicile {} {}, né(e) le {}, depuis le {}.", host.full_name(), host.birth.numeric('/'), host.birthplace, host.street, host.town, p.title(lang), p.full_name(), p.birth.numeric('/'), Date::between(rng, 2020, when.year).numeric('/'))),
                Block::Para("Je joins à la présente attestation une copie de ma pièce d'identité et un justificatif de domicile à mon nom de moins de trois mois.".into()),
                Block::Para("Fait pour servir et valoir ce que de droit.".into()),
            ];
            l.place_date = Some(format!(
                "Fait à {}, le {}",
                fake::town(rng, lang),
                when.numeric('/')
            ));
            l.signed_by = Some("Signature".into());
            ("address-hebergement", l)
        }
        (Lang::Fr, _) => {
            let ccas = format!("CCAS de {}", fake::town(rng, lang));
            let mut l = Letter::new(
                &ccas,
                logo(rng, color, "Centre Communal"),
                color,
                "ATTESTATION D'ÉLECTION DE DOMICILE",
            );
            l.issuer_lines = vec![
                "Centre communal d'action sociale".into(),
                "Service domiciliation".into(),
            ];
            l.refs = vec![
                kv("N° de domiciliation", fake::digits(rng, 5)),
                kv("Date d'élection de domicile", when.numeric('/')),
                kv("Date de fin de validité", when.plus_years(1).numeric('/')),
            ];
            l.blocks = vec![
                Block::Para(format!("En application des articles L. 264-1 et suivants du code de l'action sociale et des familles, l'organisme certifie que {} {}, né(e) le {}, a élu domicile à l'adresse suivante :", p.title(lang), p.full_name(), p.birth.numeric('/'))),
                Block::Fields(vec![kv("Adresse postale", format!("{} — {}", ccas, p.street)), kv("", p.town.clone())]),
                Block::Para("Cette attestation permet de recevoir du courrier et de faire valoir ses droits (prestations sociales, aide juridictionnelle, inscription sur les listes électorales).".into()),
            ];
            l.stamp = Some(vec!["CCAS".into(), "DOMICILIATION".into()]);
            l.signed_by = Some("Le responsable du service".into());
            ("address-domiciliation", l)
        }
        (Lang::Es, 1) => {
            let town = fake::town(rng, lang);
            let mut l = Letter::new(
                &format!("Ayuntamiento de {town}"),
                logo(rng, color, "Ayuntamiento"),
                color,
                "CERTIFICADO DE EMPADRONAMIENTO",
            );
            l.issuer_lines = vec![
                "Padrón Municipal de Habitantes".into(),
                "Oficina de Atención a la Ciudadanía".into(),
            ];
            let nie = fake::nie(rng);
            l.blocks = vec![
                Block::Para(format!("El/La Secretario/a General del Ayuntamiento de {town} CERTIFICA: Que según los datos que constan en el Padrón Municipal de Habitantes, figura inscrito/a:")),
                Block::Fields(vec![kv("Nombre y apellidos", p.full_name()), kv("Documento", nie), kv("Fecha de nacimiento", p.birth.numeric('/')), kv("Domicilio", format!("{}, {}", p.street, p.town)), kv("Fecha de alta en el domicilio", Date::between(rng, 2018, when.year).numeric('/'))]),
                Block::Para("Y para que conste y surta efectos ante el organismo que lo solicita, expido el presente certificado.".into()),
            ];
            l.place_date = Some(format!("{town}, {}", when.long(lang)));
            l.stamp = Some(vec!["AYUNTAMIENTO".into(), town.to_uppercase()]);
            ("address-padron", l)
        }
        (Lang::Es, _) | (Lang::En, 1) => rent_receipt(lang, &p, when, color, rng),
        (Lang::En, _) => {
            let assoc = pick(
                rng,
                &[
                    "Riverside Housing Association",
                    "Oakfield Homes",
                    "St Mary's Housing Trust",
                ],
            );
            let mut l = Letter::new(
                assoc,
                logo(rng, color, assoc),
                color,
                "Confirmation of tenancy",
            );
            l.recipient = recipient(&p, lang);
            l.place_date = Some(when.long(lang));
            l.refs = vec![kv("Tenancy reference", fake::digits(rng, 9))];
            l.blocks = vec![
                Block::Para(format!(
                    "To whom it may concern: we confirm that {} {} is the tenant of the property at {}, {}, and has lived there since {}.",
                    p.title(lang),
                    p.full_name(),
                    p.street,
                    p.town,
                    Date::between(rng, 2015, when.year).long(lang)
                )),
                Block::Fields(vec![
                    kv("Tenancy type", "Assured tenancy"),
                    kv("Weekly rent", money(lang, rng.random_range(9_000..16_000))),
                ]),
                Block::Para(
                    "Please contact our Housing Services team if you need any further information."
                        .into(),
                ),
            ];
            l.signed_by = Some("Housing Officer".into());
            ("address-tenancy", l)
        }
    };
    doc(template, lang, l, Truth::default(), rng)
}

fn energy_bill(
    lang: Lang,
    p: &Person,
    when: Date,
    color: Rgb<u8>,
    rng: &mut ChaCha8Rng,
) -> (&'static str, Letter) {
    let kwh: i64 = rng.random_range(180..900);
    let price: i64 = rng.random_range(19..30);
    let sub: i64 = rng.random_range(1_200..2_400);
    let energy = kwh * price;
    let total = energy + sub;
    let tax = total * if lang == Lang::En { 5 } else { 20 } / 100;
    let from = Date { day: 1, ..when };
    let to = when.month_end();
    let (company, title, heads, labels, total_label) = match lang {
        Lang::Fr => (
            pick(
                rng,
                &[
                    "Énergie Rhône Distribution",
                    "Volta Énergies",
                    "Lumière du Sud Électricité",
                ],
            ),
            "Facture d'électricité",
            ["Désignation", "Quantité", "Prix unitaire", "Montant HT"],
            [
                "Abonnement",
                "Consommation électricité",
                "TVA 20 %",
                "Adresse de consommation",
                "Point de livraison (PDL)",
                "Période de consommation",
                "Date limite de paiement",
            ],
            "Montant TTC à payer",
        ),
        Lang::Es => (
            pick(
                rng,
                &[
                    "Energía del Levante S.A.",
                    "Luz Meseta Comercializadora",
                    "Eléctrica Atlántica S.L.",
                ],
            ),
            "FACTURA DE ELECTRICIDAD",
            ["Concepto", "Cantidad", "Precio", "Importe"],
            [
                "Término de potencia",
                "Energía consumida",
                "IVA 21 %",
                "Dirección de suministro",
                "CUPS",
                "Periodo de facturación",
                "Fecha de cargo",
            ],
            "TOTAL IMPORTE FACTURA",
        ),
        Lang::En => (
            pick(
                rng,
                &[
                    "Northern Power & Gas",
                    "Evergreen Energy Ltd",
                    "Brightwave Electricity",
                ],
            ),
            "Your electricity bill",
            ["Description", "Units", "Rate", "Amount"],
            [
                "Standing charge",
                "Electricity used",
                "VAT 5%",
                "Supply address",
                "MPAN",
                "Billing period",
                "Payment due",
            ],
            "Total to pay",
        ),
    };
    let mut l = Letter::new(company, logo(rng, color, company), color, title);
    let (street, town) = fake::address(rng, lang);
    l.issuer_lines = vec![street, town, fake::phone(rng, lang)];
    l.recipient = recipient(p, lang);
    l.refs = vec![
        kv(
            if lang == Lang::En {
                "Account number"
            } else if lang == Lang::Fr {
                "N° client"
            } else {
                "Nº de contrato"
            },
            fake::digits(rng, 10),
        ),
        kv(
            if lang == Lang::En {
                "Bill date"
            } else if lang == Lang::Fr {
                "Date de facture"
            } else {
                "Fecha de emisión"
            },
            to.short(lang),
        ),
        kv(labels[3], format!("{}, {}", p.street, p.town)),
        kv(labels[4], fake::digits(rng, 14)),
        kv(
            labels[5],
            format!("{} – {}", from.short(lang), to.short(lang)),
        ),
    ];
    let cents = |c: i64| amount(lang, c);
    l.blocks = vec![
        Block::Table(Table {
            head: heads.iter().map(|s| s.to_string()).collect(),
            rows: vec![
                vec![labels[0].into(), "1".into(), cents(sub), cents(sub)],
                vec![
                    labels[1].into(),
                    format!("{kwh} kWh"),
                    format!(
                        "0{}{:04}",
                        if lang == Lang::En { '.' } else { ',' },
                        price * 100
                    ),
                    cents(energy),
                ],
                vec![labels[2].into(), String::new(), String::new(), cents(tax)],
            ],
            widths: vec![3.0, 1.0, 1.2, 1.2],
        }),
        Block::Total(total_label.into(), money(lang, total + tax)),
        Block::Fields(vec![kv(
            labels[6],
            Date {
                day: 15,
                month: to.month % 12 + 1,
                ..to
            }
            .short(lang),
        )]),
    ];
    l.footer = vec![format!("{company} — {}", fake::phone(rng, lang))];
    ("address-energy", l)
}

fn rent_receipt(
    lang: Lang,
    p: &Person,
    when: Date,
    color: Rgb<u8>,
    rng: &mut ChaCha8Rng,
) -> (&'static str, Letter) {
    let landlord = fake::person(rng, lang, false);
    let rent: i64 = rng.random_range(30_000..80_000);
    let charges: i64 = rng.random_range(2_000..9_000);
    let from = Date { day: 1, ..when };
    let to = when.month_end();
    let (title, text) = match lang {
        Lang::Es => (
            "RECIBO DE ALQUILER",
            format!(
                "D./Dña. {}, en calidad de arrendador/a, declara haber recibido de {} {} la cantidad de {} en concepto de renta de la vivienda situada en {}, {}, correspondiente al periodo del {} al {}.",
                landlord.full_name(),
                p.title(lang),
                p.full_name(),
                money(lang, rent + charges),
                p.street,
                p.town,
                from.numeric('/'),
                to.numeric('/')
            ),
        ),
        _ => (
            "Rent receipt",
            format!(
                "I, {}, landlord of the property at {}, {}, confirm that I have received from {} {} the sum of {} for rent for the period {} to {}.",
                landlord.full_name(),
                p.street,
                p.town,
                p.title(lang),
                p.full_name(),
                money(lang, rent + charges),
                from.long(lang),
                to.long(lang)
            ),
        ),
    };
    let mut l = Letter::new(&landlord.full_name(), Mark::None, color, title);
    l.issuer_lines = vec![landlord.street.clone(), landlord.town.clone()];
    l.blocks = vec![
        Block::Para(text),
        Block::Fields(if lang == Lang::Es {
            vec![
                kv("Renta", money(lang, rent)),
                kv("Gastos de comunidad", money(lang, charges)),
            ]
        } else {
            vec![
                kv("Rent", money(lang, rent)),
                kv("Service charge", money(lang, charges)),
            ]
        }),
        Block::Total(
            if lang == Lang::Es {
                "Total recibido"
            } else {
                "Total received"
            }
            .into(),
            money(lang, rent + charges),
        ),
    ];
    l.place_date = Some(to.long(lang));
    l.signed_by = Some(
        if lang == Lang::Es {
            "Firma del arrendador/a"
        } else {
            "Landlord's signature"
        }
        .into(),
    );
    ("address-rent", l)
}
