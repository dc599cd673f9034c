//! Papers of a life: health-insurance attestations and cards, civil status, medical and
//! employment documents.

use image::Rgb;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::Doc;
use super::admin::{accent, doc, employer, job, kv, logo, pick, recipient};
use super::cards;
use super::letter::{Block, Letter, Mark, Table};
use crate::corpus::fake::{self, Date, money};
use crate::corpus::{Lang, Truth};

/// A health-insurance attestation (sheet) or card.
pub fn health_insurance(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    if rng.random_bool(0.4) {
        return cards::health_card(lang, rng);
    }
    let p = {
        let foreign = rng.random_bool(0.3);
        fake::person(rng, lang, foreign)
    };
    let when = Date::between(rng, 2024, 2026);
    let (template, l) = match lang {
        Lang::Fr => {
            let cpam = format!("CPAM de {}", fake::town(rng, lang));
            let mut l = Letter::new(
                "l'Assurance Maladie",
                logo(rng, Rgb([0, 90, 170]), "Assurance Maladie"),
                Rgb([0, 90, 170]),
                "Attestation de droits à l'assurance maladie",
            );
            l.issuer_lines = vec![cpam.clone(), "ameli.fr".into()];
            l.recipient = recipient(&p, lang);
            l.place_date = Some(format!("Le {}", when.numeric('/')));
            let nir = fake::nir(rng, &p);
            l.blocks = vec![
                Block::Para(format!("La {cpam} atteste que la personne désignée ci-dessous bénéficie de l'assurance maladie :")),
                Block::Fields(vec![kv("Nom et prénom", p.admin_name()), kv("Numéro de sécurité sociale", nir), kv("Date de naissance", p.birth.numeric('/')), kv("Organisme d'affiliation", format!("{} {}", fake::digits(rng, 2), fake::digits(rng, 3)))]),
                Block::Table(Table { head: vec!["Bénéficiaire(s)".into(), "Droits ouverts du".into(), "au".into()], rows: vec![vec![p.full_name(), Date::between(rng, 2020, when.year).numeric('/'), when.plus_years(1).numeric('/')]], widths: vec![2.5, 1.3, 1.3] }),
                Block::Fields(vec![kv("Complémentaire santé solidaire", pick(rng, &["Oui — sans participation financière", "Non"]))]),
                Block::Para("Cette attestation peut être présentée aux professionnels de santé en l'absence de carte Vitale.".into()),
            ];
            ("health-attestation", l)
        }
        Lang::Es => {
            let mut l = Letter::new(
                "Instituto Nacional de la Seguridad Social",
                logo(rng, Rgb([0, 100, 60]), "Seguridad Social"),
                Rgb([0, 100, 60]),
                "DOCUMENTO ACREDITATIVO DEL DERECHO A LA ASISTENCIA SANITARIA",
            );
            l.issuer_lines = vec![format!("Dirección Provincial de {}", fake::town(rng, lang))];
            l.recipient = recipient(&p, lang);
            l.blocks = vec![
                Block::Para("Se reconoce el derecho a la asistencia sanitaria con cargo a fondos públicos, a través del Sistema Nacional de Salud, a la persona que figura a continuación:".into()),
                Block::Fields(vec![kv("Apellidos y nombre", p.admin_name()), kv("Nº de la Seguridad Social", format!("{}/{} {}", fake::digits(rng, 2), fake::digits(rng, 8), fake::digits(rng, 2))), kv("Condición", pick(rng, &["Titular", "Beneficiario/a"])), kv("Fecha de efectos", Date::between(rng, 2020, when.year).numeric('/'))]),
                Block::Para("Con este documento podrá solicitar la tarjeta sanitaria individual en su centro de salud.".into()),
            ];
            l.place_date = Some(when.long(lang));
            ("health-asistencia", l)
        }
        Lang::En => {
            let insurer = pick(
                rng,
                &[
                    "Guardian Health Insurance Ltd",
                    "Meridian Health Cover",
                    "Castlegate Medical Insurance",
                ],
            );
            let color = accent(rng);
            let mut l = Letter::new(
                insurer,
                logo(rng, color, insurer),
                color,
                "Certificate of health insurance",
            );
            l.recipient = recipient(&p, lang);
            l.refs = vec![
                kv(
                    "Policy number",
                    format!("{}{}", fake::letters(rng, 3), fake::digits(rng, 8)),
                ),
                kv("Membership number", fake::digits(rng, 9)),
            ];
            l.blocks = vec![
                Block::Para("This certificate confirms that the person named below is covered under the policy shown, for in-patient, day-patient and out-patient treatment.".into()),
                Block::Fields(vec![kv("Insured person", p.full_name()), kv("Date of birth", p.birth.short(lang)), kv("Cover starts", when.short(lang)), kv("Cover ends", when.plus_years(1).short(lang)), kv("Annual premium", money(lang, rng.random_range(30_000..120_000)))]),
            ];
            ("health-certificate", l)
        }
    };
    doc(template, lang, l, Truth::default(), rng)
}

/// A birth or marriage certificate.
pub fn civil_status(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    let p = fake::person(rng, lang, false);
    let father = fake::person(rng, lang, false);
    let mother = fake::person(rng, lang, false);
    let spouse = fake::person(rng, lang, false);
    let town = fake::town(rng, lang);
    let issued = Date::between(rng, 2022, 2026);
    let marriage = rng.random_bool(0.35);
    let color = Rgb([40, 40, 60]);
    let (template, l) = match lang {
        Lang::Fr => {
            let title = if marriage {
                "EXTRAIT D'ACTE DE MARIAGE"
            } else {
                "EXTRAIT D'ACTE DE NAISSANCE AVEC FILIATION"
            };
            let mut l = Letter::new(&format!("Mairie de {town}"), Mark::Marianne, color, title);
            l.issuer_lines = vec!["Service de l'état civil".into()];
            l.refs = vec![
                kv("Acte n°", fake::digits(rng, 4)),
                kv("Année", p.birth.year.to_string()),
            ];
            let body = if marriage {
                let d = Date::between(rng, 1990, 2024);
                format!(
                    "Le {} a été célébré en la mairie de {town} le mariage de {} {}, né(e) le {} à {}, et de {} {}, né(e) le {} à {}.",
                    d.long(lang),
                    p.given,
                    p.surname.to_uppercase(),
                    p.birth.long(lang),
                    p.birthplace,
                    spouse.given,
                    spouse.surname.to_uppercase(),
                    spouse.birth.long(lang),
                    spouse.birthplace
                )
            } else {
                format!(
                    "Le {} à {} heures {} est né(e) à {town} : {} {}, de sexe {}, de {} {}, et de {} {}.",
                    p.birth.long(lang),
                    rng.random_range(0..24),
                    rng.random_range(10..60),
                    p.given,
                    p.surname.to_uppercase(),
                    if p.sex == 'F' { "féminin" } else { "masculin" },
                    father.given,
                    p.surname.to_uppercase(),
                    mother.given,
                    mother.surname.to_uppercase()
                )
            };
            l.blocks = vec![
                Block::Para(body),
                Block::Heading("Mentions marginales".into()),
                Block::Para("Néant.".into()),
                Block::Para(format!(
                    "Extrait délivré conforme au registre, le {}.",
                    issued.long(lang)
                )),
            ];
            l.signed_by = Some("L'officier de l'état civil".into());
            l.stamp = Some(vec!["MAIRIE".into(), town.to_uppercase()]);
            (
                if marriage {
                    "civil-mariage"
                } else {
                    "civil-naissance"
                },
                l,
            )
        }
        Lang::Es => {
            let title = if marriage {
                "CERTIFICADO DE MATRIMONIO"
            } else {
                "CERTIFICACIÓN LITERAL DE NACIMIENTO"
            };
            let mut l = Letter::new(
                &format!("Registro Civil de {town}"),
                logo(rng, Rgb([170, 20, 30]), "Registro Civil"),
                Rgb([170, 20, 30]),
                title,
            );
            l.issuer_lines = vec!["Ministerio de Justicia".into()];
            l.refs = vec![
                kv("Sección", if marriage { "2ª" } else { "1ª" }.to_string()),
                kv("Tomo", fake::digits(rng, 3)),
                kv("Página", fake::digits(rng, 3)),
            ];
            l.blocks = if marriage {
                let d = Date::between(rng, 1990, 2024);
                vec![Block::Fields(vec![
                    kv(
                        "Contrayente",
                        format!("{} {}", p.given, p.surname.to_uppercase()),
                    ),
                    kv(
                        "Contrayente",
                        format!("{} {}", spouse.given, spouse.surname.to_uppercase()),
                    ),
                    kv("Fecha de celebración", d.long(lang)),
                    kv("Lugar", town.to_string()),
                ])]
            } else {
                vec![Block::Fields(vec![
                    kv("Nombre", p.given.clone()),
                    kv("Apellidos", p.surname.to_uppercase()),
                    kv(
                        "Sexo",
                        if p.sex == 'F' { "Mujer" } else { "Varón" }.to_string(),
                    ),
                    kv("Fecha de nacimiento", p.birth.long(lang)),
                    kv("Lugar de nacimiento", town.to_string()),
                    kv("Padre", father.given.clone()),
                    kv("Madre", format!("{} {}", mother.given, mother.surname)),
                ])]
            };
            l.blocks.push(Block::Para("El Encargado del Registro Civil certifica que la presente certificación reproduce literalmente el asiento obrante en este Registro.".into()));
            l.place_date = Some(format!("{town}, {}", issued.long(lang)));
            l.stamp = Some(vec!["REGISTRO CIVIL".into(), town.to_uppercase()]);
            (
                if marriage {
                    "civil-matrimonio"
                } else {
                    "civil-nacimiento"
                },
                l,
            )
        }
        Lang::En => {
            let title = if marriage {
                "CERTIFIED COPY OF AN ENTRY OF MARRIAGE"
            } else {
                "CERTIFIED COPY OF AN ENTRY OF BIRTH"
            };
            let mut l = Letter::new(
                "General Register Office",
                logo(rng, Rgb([120, 30, 60]), "General Register"),
                Rgb([120, 30, 60]),
                title,
            );
            l.issuer_lines = vec![format!("Registration district: {town}")];
            l.refs = vec![
                kv("Entry No.", fake::digits(rng, 3)),
                kv("Application number", fake::digits(rng, 7)),
            ];
            l.blocks = if marriage {
                let d = Date::between(rng, 1990, 2024);
                vec![Block::Table(Table {
                    head: vec![
                        "When married".into(),
                        "Name and surname".into(),
                        "Age".into(),
                        "Residence".into(),
                    ],
                    rows: vec![
                        vec![
                            d.long(lang),
                            p.full_name(),
                            (d.year - p.birth.year).to_string(),
                            town.to_string(),
                        ],
                        vec![
                            d.long(lang),
                            spouse.full_name(),
                            (d.year - spouse.birth.year).abs().to_string(),
                            town.to_string(),
                        ],
                    ],
                    widths: vec![1.5, 2.0, 0.6, 1.4],
                })]
            } else {
                vec![Block::Table(Table {
                    head: vec![
                        "When and where born".into(),
                        "Name".into(),
                        "Sex".into(),
                        "Father".into(),
                        "Mother".into(),
                    ],
                    rows: vec![vec![
                        format!("{}, {town}", p.birth.long(lang)),
                        p.full_name(),
                        if p.sex == 'F' { "Girl" } else { "Boy" }.to_string(),
                        format!("{} {}", father.given, p.surname),
                        format!("{} {}", mother.given, mother.surname),
                    ]],
                    widths: vec![2.2, 1.6, 0.6, 1.6, 1.6],
                })]
            };
            l.blocks.push(Block::Para(format!("Certified to be a true copy of an entry in a register in my custody. Given at the General Register Office, under the seal of the said Office, {}.", issued.long(lang))));
            l.blocks.push(Block::Para("CAUTION: THERE ARE OFFENCES RELATING TO FALSIFYING OR ALTERING A CERTIFICATE AND USING OR POSSESSING A FALSE CERTIFICATE. A CERTIFICATE IS NOT EVIDENCE OF IDENTITY.".into()));
            l.stamp = Some(vec!["GENERAL".into(), "REGISTER OFFICE".into()]);
            (
                if marriage {
                    "civil-marriage"
                } else {
                    "civil-birth"
                },
                l,
            )
        }
    };
    doc(template, lang, l, Truth::default(), rng)
}

const DRUGS: &[(&str, &str)] = &[
    ("Paracétamol 1000 mg", "Paracetamol 1 g"),
    ("Amoxicilline 1 g", "Amoxicilina 1 g"),
    ("Ibuprofène 400 mg", "Ibuprofeno 400 mg"),
    ("Metformine 850 mg", "Metformina 850 mg"),
    ("Oméprazole 20 mg", "Omeprazol 20 mg"),
    ("Salbutamol 100 µg", "Salbutamol 100 mcg"),
];

/// A prescription, medical certificate or consultation report.
pub fn medical(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    let p = {
        let foreign = rng.random_bool(0.3);
        fake::person(rng, lang, foreign)
    };
    let doctor = fake::person(rng, lang, false);
    let when = Date::between(rng, 2024, 2026);
    let color = accent(rng);
    let n = rng.random_range(1..4);
    let report = rng.random_bool(0.4);
    let (template, l) = match lang {
        Lang::Fr => {
            let mut l = Letter::new(
                &format!("Dr {} {}", doctor.given, doctor.surname.to_uppercase()),
                Mark::None,
                color,
                if report {
                    "Compte rendu de consultation"
                } else {
                    "ORDONNANCE"
                },
            );
            l.issuer_lines = vec![
                "Médecin généraliste — Conventionné secteur 1".into(),
                format!("N° RPPS {}", fake::digits(rng, 11)),
                doctor.street.clone(),
                doctor.town.clone(),
                format!("Tél. {}", fake::phone(rng, lang)),
            ];
            l.place_date = Some(format!("{}, le {}", fake::town(rng, lang), when.long(lang)));
            l.refs = vec![
                kv(
                    "Patient(e)",
                    format!("{} {}", p.title(lang), p.admin_name()),
                ),
                kv("Né(e) le", p.birth.numeric('/')),
            ];
            l.blocks = if report {
                vec![Block::Heading("Motif de consultation".into()), Block::Para(pick(rng, &["Douleurs lombaires depuis trois semaines, sans fièvre.", "Toux persistante et fatigue depuis dix jours.", "Suivi de diabète de type 2."]).into()), Block::Heading("Examen clinique".into()), Block::Para("Tension artérielle 13/8. Auscultation cardio-pulmonaire normale. Abdomen souple et indolore.".into()), Block::Heading("Conclusion".into()), Block::Para("Traitement symptomatique prescrit. Revoir en consultation dans un mois ou avant si aggravation.".into())]
            } else {
                (0..n)
                    .map(|i| {
                        Block::Para(format!(
                            "{}  —  1 comprimé {} fois par jour pendant {} jours. QSP {} jours.",
                            DRUGS[(i * 2 + n) % DRUGS.len()].0,
                            rng.random_range(1..4),
                            rng.random_range(5..30),
                            rng.random_range(5..30)
                        ))
                    })
                    .collect()
            };
            l.signed_by = Some(format!("Dr {}", doctor.surname));
            (
                if report {
                    "medical-compterendu"
                } else {
                    "medical-ordonnance"
                },
                l,
            )
        }
        Lang::Es => {
            let mut l = Letter::new(
                if report {
                    "Hospital Universitario"
                } else {
                    "Servicio de Salud"
                },
                logo(rng, color, "Sistema Salud"),
                color,
                if report {
                    "INFORME MÉDICO"
                } else {
                    "RECETA MÉDICA — Sistema Nacional de Salud"
                },
            );
            l.issuer_lines = vec![
                format!("Centro de Salud {}", fake::town(rng, lang)),
                format!(
                    "Dr./Dra. {} — Nº colegiado {}",
                    doctor.full_name(),
                    fake::digits(rng, 9)
                ),
            ];
            l.refs = vec![
                kv("Paciente", p.admin_name()),
                kv("Fecha de nacimiento", p.birth.numeric('/')),
                kv(
                    "CIP",
                    format!("{}{}", fake::letters(rng, 4), fake::digits(rng, 10)),
                ),
            ];
            l.blocks = if report {
                vec![Block::Heading("Motivo de consulta".into()), Block::Para("Dolor abdominal de cinco días de evolución.".into()), Block::Heading("Exploración física".into()), Block::Para("Consciente y orientado. Abdomen blando, depresible, no doloroso a la palpación.".into()), Block::Heading("Juicio clínico y tratamiento".into()), Block::Para("Gastroenteritis aguda. Dieta blanda e hidratación abundante. Control por su médico de atención primaria.".into())]
            } else {
                vec![Block::Table(Table {
                    head: vec!["Medicamento".into(), "Posología".into(), "Duración".into()],
                    rows: (0..n)
                        .map(|i| {
                            vec![
                                DRUGS[(i * 2 + n) % DRUGS.len()].1.to_string(),
                                format!("1 cada {} horas", pick(rng, &[8, 12, 24])),
                                format!("{} días", rng.random_range(5..30)),
                            ]
                        })
                        .collect(),
                    widths: vec![2.2, 1.8, 1.0],
                })]
            };
            l.place_date = Some(when.long(lang));
            l.signed_by = Some("Firma del facultativo".into());
            (
                if report {
                    "medical-informe"
                } else {
                    "medical-receta"
                },
                l,
            )
        }
        Lang::En => {
            let surgery = format!(
                "{} Medical Centre",
                pick(rng, &["Parkside", "Hillview", "Riverside", "Elmwood"])
            );
            let mut l = Letter::new(
                &surgery,
                logo(rng, Rgb([0, 94, 184]), &surgery),
                Rgb([0, 94, 184]),
                if report {
                    "Discharge summary"
                } else {
                    "Prescription"
                },
            );
            l.issuer_lines = vec![
                doctor.street.clone(),
                doctor.town.clone(),
                format!("Dr {} — GMC {}", doctor.full_name(), fake::digits(rng, 7)),
            ];
            l.refs = vec![
                kv("Patient", p.full_name()),
                kv("Date of birth", p.birth.short(lang)),
                kv(
                    "NHS number",
                    format!(
                        "{} {} {}",
                        fake::digits(rng, 3),
                        fake::digits(rng, 3),
                        fake::digits(rng, 4)
                    ),
                ),
            ];
            l.blocks = if report {
                vec![
                    Block::Fields(vec![
                        kv("Admitted", when.short(lang)),
                        kv(
                            "Discharged",
                            Date {
                                day: when.day.min(25) + 3,
                                ..when
                            }
                            .short(lang),
                        ),
                    ]),
                    Block::Heading("Diagnosis".into()),
                    Block::Para(
                        "Community-acquired pneumonia, treated with oral antibiotics.".into(),
                    ),
                    Block::Heading("Follow-up".into()),
                    Block::Para("GP review in two weeks. Chest X-ray in six weeks.".into()),
                ]
            } else {
                (0..n)
                    .map(|i| {
                        Block::Para(format!(
                            "{} tablets — take ONE {} a day — supply {} days",
                            DRUGS[(i * 2 + n) % DRUGS.len()].1,
                            pick(rng, &["once", "twice", "three times"]),
                            rng.random_range(7..29)
                        ))
                    })
                    .collect()
            };
            l.place_date = Some(when.long(lang));
            l.signed_by = Some("Prescriber's signature".into());
            (
                if report {
                    "medical-discharge"
                } else {
                    "medical-prescription"
                },
                l,
            )
        }
    };
    doc(template, lang, l, Truth::default(), rng)
}

/// An employment contract, work certificate or career record.
pub fn employment(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    let p = {
        let foreign = rng.random_bool(0.3);
        fake::person(rng, lang, foreign)
    };
    let company = employer(rng, lang);
    let position = job(rng, lang);
    let start = Date::between(rng, 2015, 2025);
    let end = Date::between(rng, start.year + 1, 2026);
    let color = accent(rng);
    let (street, town) = fake::address(rng, lang);
    let salary = money(lang, rng.random_range(150_000..260_000));
    let kind = rng.random_range(0..2);
    let (template, l) = match (lang, kind) {
        (Lang::Fr, 0) => {
            let mut l = Letter::new(
                company,
                logo(rng, color, company),
                color,
                pick(
                    rng,
                    &[
                        "CONTRAT DE TRAVAIL À DURÉE INDÉTERMINÉE",
                        "CONTRAT DE TRAVAIL À DURÉE DÉTERMINÉE",
                    ],
                ),
            );
            l.issuer_lines = vec![street, town];
            l.blocks = vec![
                Block::Para(format!("Entre les soussignés : la société {company}, représentée par son gérant, d'une part, et {} {}, né(e) le {} à {}, demeurant {}, {}, d'autre part, il a été convenu ce qui suit.", p.title(lang), p.full_name(), p.birth.numeric('/'), p.birthplace, p.street, p.town)),
                Block::Heading("Article 1 — Engagement".into()),
                Block::Para(format!("{} {} est engagé(e) à compter du {} en qualité de {}.", p.title(lang), p.surname, start.long(lang), position.to_lowercase())),
                Block::Heading("Article 2 — Période d'essai".into()),
                Block::Para("Le présent contrat ne deviendra définitif qu'à l'issue d'une période d'essai de deux mois.".into()),
                Block::Heading("Article 3 — Rémunération".into()),
                Block::Para(format!("En contrepartie de son travail, le salarié percevra une rémunération mensuelle brute de {salary} pour 35 heures hebdomadaires.")),
                Block::Heading("Article 4 — Lieu de travail".into()),
                Block::Para(format!("Le salarié exercera ses fonctions à {}.", fake::town(rng, lang))),
            ];
            l.place_date = Some(format!(
                "Fait en deux exemplaires à {}, le {}",
                fake::town(rng, lang),
                start.numeric('/')
            ));
            l.signed_by = Some("L'employeur / Le salarié".into());
            ("employment-contrat", l)
        }
        (Lang::Fr, _) => {
            let mut l = Letter::new(
                company,
                logo(rng, color, company),
                color,
                "CERTIFICAT DE TRAVAIL",
            );
            l.issuer_lines = vec![street, town, format!("SIRET {}", fake::digits(rng, 14))];
            l.blocks = vec![
                Block::Para(format!(
                    "Je soussigné(e), gérant(e) de la société {company}, certifie que {} {}, demeurant {}, {}, a été employé(e) dans notre entreprise du {} au {} en qualité de {}.",
                    p.title(lang),
                    p.full_name(),
                    p.street,
                    p.town,
                    start.numeric('/'),
                    end.numeric('/'),
                    position.to_lowercase()
                )),
                Block::Para(format!(
                    "{} {} nous quitte libre de tout engagement.",
                    p.title(lang),
                    p.surname
                )),
                Block::Para(
                    "Le présent certificat est délivré pour servir et valoir ce que de droit."
                        .into(),
                ),
            ];
            l.place_date = Some(format!(
                "Fait à {}, le {}",
                fake::town(rng, lang),
                end.numeric('/')
            ));
            l.signed_by = Some("Le gérant".into());
            l.stamp = Some(vec![
                company
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_uppercase(),
            ]);
            ("employment-certificat", l)
        }
        (Lang::Es, 0) => {
            let mut l = Letter::new(
                "Servicio Público de Empleo Estatal",
                logo(rng, Rgb([0, 70, 140]), "Servicio Público"),
                Rgb([0, 70, 140]),
                "CONTRATO DE TRABAJO INDEFINIDO",
            );
            l.issuer_lines = vec!["Modelo oficial de contrato".into()];
            l.blocks = vec![
                Block::Heading("Datos de la empresa".into()),
                Block::Fields(vec![
                    kv("Razón social", company),
                    kv("CIF", format!("B{}", fake::digits(rng, 8))),
                    kv("Domicilio social", format!("{street}, {town}")),
                ]),
                Block::Heading("Datos del trabajador/a".into()),
                Block::Fields(vec![
                    kv("Nombre y apellidos", p.full_name()),
                    kv("Fecha de nacimiento", p.birth.numeric('/')),
                    kv(
                        "Nº afiliación S.S.",
                        format!("{} {}", fake::digits(rng, 10), fake::digits(rng, 2)),
                    ),
                ]),
                Block::Heading("Cláusulas".into()),
                Block::Para(format!(
                    "PRIMERA: El/la trabajador/a prestará sus servicios como {} con la categoría profesional de {}, a jornada completa de 40 horas semanales.",
                    position.to_lowercase(),
                    position.to_lowercase()
                )),
                Block::Para(format!(
                    "SEGUNDA: La duración del presente contrato será indefinida, iniciándose la relación laboral el {}.",
                    start.long(lang)
                )),
                Block::Para(format!(
                    "TERCERA: El/la trabajador/a percibirá una retribución total de {salary} brutos mensuales."
                )),
                Block::Para("CUARTA: Se establece un período de prueba de dos meses.".into()),
            ];
            l.place_date = Some(format!(
                "En {}, a {}",
                fake::town(rng, lang),
                start.long(lang)
            ));
            l.signed_by = Some("El/la trabajador/a — El/la representante de la empresa".into());
            ("employment-contrato", l)
        }
        (Lang::Es, _) => {
            let mut l = Letter::new(
                "Tesorería General de la Seguridad Social",
                logo(rng, Rgb([0, 100, 60]), "Seguridad Social"),
                Rgb([0, 100, 60]),
                "INFORME DE VIDA LABORAL",
            );
            l.refs = vec![
                kv("Nombre", p.admin_name()),
                kv(
                    "Nº de afiliación",
                    format!("{}/{}", fake::digits(rng, 2), fake::digits(rng, 10)),
                ),
                kv("Fecha", end.numeric('/')),
            ];
            let rows = (0..rng.random_range(2..6))
                .map(|_| {
                    let a = Date::between(rng, 2012, 2025);
                    let b = Date::between(rng, a.year, 2026).max(a);
                    vec![
                        "General".into(),
                        employer(rng, lang).to_uppercase(),
                        a.numeric('.'),
                        b.numeric('.'),
                        "100".into(),
                        ((b.year - a.year) * 365 + 30).to_string(),
                    ]
                })
                .collect();
            l.blocks = vec![
                Block::Para(format!(
                    "De los antecedentes obrantes en esta Tesorería General resulta que la persona arriba indicada figura en situación de alta o asimilada durante un total de {} días.",
                    rng.random_range(300..5000)
                )),
                Block::Table(Table {
                    head: vec![
                        "Régimen".into(),
                        "Empresa".into(),
                        "Fecha alta".into(),
                        "Fecha baja".into(),
                        "CTP".into(),
                        "Días".into(),
                    ],
                    rows,
                    widths: vec![1.0, 3.0, 1.2, 1.2, 0.6, 0.8],
                }),
            ];
            l.footer = vec!["Este informe tiene carácter informativo y no vinculante.".into()];
            ("employment-vidalaboral", l)
        }
        (Lang::En, 0) => {
            let mut l = Letter::new(
                company,
                logo(rng, color, company),
                color,
                "Written statement of employment particulars",
            );
            l.issuer_lines = vec![street, town];
            l.blocks = vec![
                Block::Fields(vec![kv("Employer", company), kv("Employee", p.full_name()), kv("Job title", position), kv("Start date", start.long(lang)), kv("Place of work", fake::town(rng, lang).to_string()), kv("Pay", format!("{salary} per month, paid monthly in arrears")), kv("Hours", "37.5 hours per week, Monday to Friday"), kv("Holiday", "28 days a year including bank holidays"), kv("Notice", "One week in the first two years, then one week per full year of service")]),
                Block::Para("This statement sets out the main terms and conditions of your employment, as required by the Employment Rights Act 1996.".into()),
            ];
            l.signed_by = Some("Signed for the employer".into());
            ("employment-statement", l)
        }
        (Lang::En, _) => {
            let mut l = Letter::new(
                company,
                logo(rng, color, company),
                color,
                "Employment reference",
            );
            l.issuer_lines = vec![street, town];
            l.place_date = Some(end.long(lang));
            l.blocks = vec![
                Block::Para("To whom it may concern,".into()),
                Block::Para(format!("We confirm that {} was employed by {company} as a {} from {} to {}, working {} hours a week.", p.full_name(), position.to_lowercase(), start.long(lang), end.long(lang), rng.random_range(16..40))),
                Block::Para("During this time they were reliable, punctual and well liked by colleagues. We would be happy to re-employ them.".into()),
                Block::Para("Yours faithfully,".into()),
            ];
            l.signed_by = Some("HR Manager".into());
            ("employment-reference", l)
        }
    };
    doc(template, lang, l, Truth::default(), rng)
}
