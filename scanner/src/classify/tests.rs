//! The classifier on realistic OCR text of each kind of document in French, Spanish and
//! English — with the slips OCR makes (lost accents, `l` for `i`, glued words) — and on the
//! confusions that must not happen. Names, numbers and addresses below are invented.

use super::*;
use crate::mrz::parse_lines;

fn class_of(text: &str) -> DocClass {
    classify(&[text], None).class
}

/// Asserts that every text is classified as `class`.
fn all_are(class: DocClass, texts: &[&str]) {
    for text in texts {
        let result = classify(&[text], None);
        assert_eq!(
            result.class,
            class,
            "text starting {:?}: evidence {:?}",
            &text[..text.len().min(60)],
            result.evidence
        );
        assert!(result.confidence > 0.3, "confidence {}", result.confidence);
    }
}

const CNI_FRONT: &str = "RÉPUBLIQUE FRANÇAISE\nCARTE NATIONALE D'IDENTITÉ / IDENTITY CARD\n\
    Nom / Surname\nMARTIN\nPrénoms / Given names\nCamille, Louise\nSexe / Sex F Nationalité / Nationality FRA\n\
    Date de naissance / Date of birth 12 03 1990\nLieu de naissance / Place of birth LYON\n\
    N° du document / Document No X4RTBPFW4 Date d'expir. / Expiry date 04 07 2031";

#[test]
fn identity_cards_without_a_readable_zone() {
    all_are(
        DocClass::IdentityCard,
        &[
            CNI_FRONT,
            "REINO DE ESPAÑA\nDOCUMENTO NACIONAL DE IDENTIDAD\nAPELLIDOS\nGARCIA LOPEZ\nNOMBRE\nLUCIA\n\
             SEXO F NACIONALIDAD ESP\nFECHA DE NACIMIENTO 21 06 1985\nNUM SOPORT BAA123456\n\
             VALIDEZ 21 06 2030\nDNI 12345678Z",
            "IRELAND - EIRE\nNATIONAL IDENTITY CARD\nSurname DOYLE\nGiven names SEAN\nSex M\n\
             Nationality IRL\nDate of birth 02 02 1979\nDate of expiry 01 09 2029",
        ],
    );
}

#[test]
fn passports_without_a_readable_zone() {
    all_are(
        DocClass::Passport,
        &[
            "RÉPUBLIQUE FRANÇAISE\nPASSEPORT / PASSPORT\nType / Type P Code du pays FRA\nNom / Surname DUBOIS\n\
             Prénoms / Given names Marc\nNationalité / Nationality Française\nDate de naissance 04 11 1982\n\
             Sexe M Lieu de naissance PARIS\nDate de délivrance 10 01 2022 Date d'expiration 09 01 2032\nAutorité Préfecture",
            "PASAPORTE\nESPAÑA\nApellidos / Surname FERNANDEZ\nNombre / Given names JAVIER\nNacionalidad ESPAÑOLA\n\
             Fecha de nacimiento 15 05 1977 Sexo M\nFecha de expedición 03 03 2021 Fecha de caducidad 03 03 2031",
            "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND\nPASSPORT\nSurname SMITH\nGiven names JOHN\n\
             Nationality BRITISH CITIZEN\nDate of birth 09 JUL 1988\nSex M Place of birth LONDON\n\
             Date of issue 14 FEB 2020 Authority HMPO Date of expiry 14 FEB 2030",
        ],
    );
}

#[test]
fn residence_permits_without_a_readable_zone() {
    all_are(
        DocClass::ResidencePermit,
        &[
            "RÉPUBLIQUE FRANÇAISE\nTITRE DE SÉJOUR\nNom AHMADI Prénoms Farid\nSexe M Nationalité AFG\n\
             Date de naissance 01 01 1995\nType de titre CARTE DE SEJOUR TEMPORAIRE\nVIE PRIVEE ET FAMILIALE\n\
             Date d'expiration 11 05 2027",
            "TARJETA DE IDENTIDAD DE EXTRANJERO\nPERMISO DE RESIDENCIA\nApellidos KOVALENKO\nNombre OLENA\n\
             Sexo F Nacionalidad UKR\nFecha de nacimiento 30 09 1990\nNIE Y1234567X\nValidez 15 03 2027",
            "RESIDENCE PERMIT\nBiometric Residence Permit\nSurname OKAFOR\nGiven names CHIDI\nSex M\n\
             Nationality NGA\nDate of birth 05 05 1993\nLeave to remain\nValid until 20 12 2028",
        ],
    );
}

#[test]
fn health_insurance() {
    all_are(
        DocClass::HealthInsurance,
        &[
            "l'Assurance Maladie\nATTESTATION DE DROITS A L'ASSURANCE MALADIE\nCaisse primaire d'assurance maladie de Paris\n\
             Bénéficiaire : M. LEROY Paul\nNuméro de sécurité sociale 1 85 05 75 123 456 78\n\
             Droits ouverts du 01/01/2026 au 31/12/2026\nameli.fr",
            "carte Vitale\nLEROY PAUL\n1 85 05 75 123 456 78",
            "Servicio Madrileño de Salud\nTARJETA SANITARIA INDIVIDUAL\nSistema Nacional de Salud\n\
             CIP MDRD123456789012\nFERNANDEZ GOMEZ ANA",
            "European Health Insurance Card\nSurname BROWN\nGiven names EMMA\nPersonal identification number 1234567890\n\
             Identification number of the institution NHSBSA\nExpiry date 01/06/2030",
            "Castlegate Medical Insurance\nPolicy number: NO195448902\nCertificate of health insurance\n\
             This certificate confirms that the person named below is covered under the policy shown\n\
             Insured person George Murphy\nCover starts 24 Apr 2024",
        ],
    );
}

#[test]
fn payslips() {
    all_are(
        DocClass::Payslip,
        &[
            "BULLETlN DE SALAlRE\nEmployeur : SARL BOULANGERIE DU PORT SIRET 123 456 789 00012\n\
             Période du 01/03/2026 au 31/03/2026\nSalarié : M. Karim BENALI Emploi : Vendeur\n\
             Salaire de base 151,67 11,88 1 801,84\nCotisations salariales Part salariale Part patronale\n\
             Net imposable 1 420,15\nNET A PAYER AVANT IMPOT SUR LE REVENU 1 405,03\nCumul annuel",
            "NÓMINA\nEmpresa: LIMPIEZAS DEL SUR S.L. CIF B12345678\nTrabajador: PEREZ RUIZ, MARIO\n\
             Periodo de liquidación: del 01/02/2026 al 28/02/2026\nSalario base 1.184,00\n\
             Contingencias comunes 4,70 %\nTOTAL DEVENGADO 1.350,00 TOTAL A DEDUCIR 85,20\n\
             LIQUIDO TOTAL A PERCIBIR 1.264,80",
            "PAYSLIP\nEmployer: Green Cafe Ltd\nEmployee: Aisha Khan NI number QQ123456C Tax code 1257L\n\
             Pay period: 01/04/2026 - 30/04/2026\nBasic pay 1,650.00\nGross pay 1,650.00\n\
             Total deductions 210.40\nNet pay 1,439.60\nYear to date",
        ],
    );
    let result = classify(
        &["Bulletin de paie\nPériode du 01/03/2026 au 31/03/2026\nNet à payer 1 405,03"],
        None,
    );
    assert_eq!(
        result.fields.get("period").map(String::as_str),
        Some("2026-03")
    );
    let result = classify(
        &["NOMINA\nPeriodo de liquidacion: mes de febrero de 2026\nTotal devengado"],
        None,
    );
    assert_eq!(
        result.fields.get("period").map(String::as_str),
        Some("2026-02")
    );
}

#[test]
fn tax_notices() {
    all_are(
        DocClass::TaxNotice,
        &[
            "DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES\nAVIS D'IMPÔT 2026\nIMPÔT SUR LES REVENUS de 2025\n\
             Numéro fiscal 12 34 567 890 123\nRevenu fiscal de référence 14 230\nNombre de parts 1,5\nimpots.gouv.fr",
            "Agencia Tributaria\nCERTIFICADO DE RETENCIONES E INGRESOS A CUENTA DEL IMPUESTO SOBRE LA RENTA DE LAS PERSONAS FISICAS\n\
             Ejercicio 2025\nRendimientos del trabajo 15.400,00 Retenciones IRPF 1.120,00",
            "HM Revenue & Customs\nTax calculation\nTax year 6 April 2024 to 5 April 2025\n\
             Income tax due 1,230.00\nTaxable income 14,800.00",
        ],
    );
    let result = classify(
        &["AVIS D'IMPOT\nImpôt sur les revenus de 2025\nRevenu fiscal de référence"],
        None,
    );
    assert_eq!(
        result.fields.get("tax_year").map(String::as_str),
        Some("2025")
    );
    assert_eq!(result.fields.get("issuer"), None);
    let result = classify(
        &["Finances publiques\nAVIS D'IMPOSITION\nRevenus de 2024"],
        None,
    );
    assert_eq!(
        result.fields.get("issuer").map(String::as_str),
        Some("DGFiP")
    );
}

#[test]
fn benefits() {
    all_are(
        DocClass::Benefits,
        &[
            "Caisse d'Allocations Familiales de la Gironde\nATTESTATION DE PAIEMENT\nNuméro allocataire 1234567\n\
             Nous vous avons versé en mars 2026 :\nRevenu de solidarité active 607,75 €\n\
             Aide personnalisée au logement 285,00 €\nPièces à fournir : copie du passeport ou de la carte d'identité",
            "SEPE Servicio Público de Empleo Estatal\nCERTIFICADO DE PRESTACIONES\nPrestación por desempleo\n\
             Fecha de inicio 01/02/2026 Base reguladora diaria 40,00",
            "Department for Work and Pensions\nUniversal Credit\nYour award notice\nAssessment period 12 March 2026 to 11 April 2026\n\
             Standard allowance 393.45",
        ],
    );
    let result = classify(
        &[
            "France Travail\nAttestation de paiement\nAllocation d'aide au retour à l'emploi\nmois de mars 2026",
        ],
        None,
    );
    assert_eq!(result.class, DocClass::Benefits);
    assert_eq!(
        result.fields.get("issuer").map(String::as_str),
        Some("France Travail")
    );
}

#[test]
fn bank_details() {
    all_are(
        DocClass::BankDetails,
        &[
            "RELEVÉ D'IDENTITÉ BANCAIRE\nTitulaire du compte : M. BENALI KARIM\nCode banque 30006 Code guichet 00001\n\
             N° de compte 12345678901 Clé RIB 89\nIBAN : FR76 3000 6000 0112 3456 7890 189\nBIC : AGRIFRPP",
            "CERTIFICADO DE TITULARIDAD DE CUENTA\nCaixaBank certifica que D. MARIO PEREZ RUIZ es titular de la cuenta\n\
             IBAN ES91 2100 0418 4502 0005 1332",
            "Bank statement\nAccount holder MS A KHAN\nSort code 60-16-13 Account number 31926819\n\
             IBAN GB29 NWBK 6016 1331 9268 19\nOpening balance 120.00 Closing balance 340.50",
        ],
    );
    let result = classify(&["RIB\nIBAN FR76 3000 6000 0112 3456 7890 189"], None);
    assert_eq!(
        result.fields.get("iban_valid").map(String::as_str),
        Some("true")
    );
    assert_eq!(
        result.fields.get("iban_country").map(String::as_str),
        Some("FR")
    );
    assert!(result.evidence.contains(&"iban:valid".to_owned()));
    assert!(
        result.fields.values().all(|v| !v.contains("3000 6000")),
        "no IBAN in the fields"
    );
}

#[test]
fn proofs_of_address() {
    all_are(
        DocClass::ProofOfAddress,
        &[
            "EDF\nVotre facture d'électricité du 12/03/2026\nPoint de livraison 12345678901234\n\
             Consommation 342 kWh Abonnement 6 kVA\nMontant à payer 98,40 €",
            "QUITTANCE DE LOYER\nJe soussigné, bailleur, déclare avoir reçu de M. BENALI, locataire,\n\
             la somme de 550 € au titre du loyer et des charges pour mars 2026",
            "ATTESTATION D'HÉBERGEMENT\nJe soussignée Mme DURAND atteste sur l'honneur héberger à mon domicile\n\
             M. AHMADI Farid depuis le 01/09/2025",
            "CCAS de Lyon\nATTESTATION D'ÉLECTION DE DOMICILE\nDomiciliation administrative des personnes sans domicile stable",
            "AYUNTAMIENTO DE MADRID\nVOLANTE DE EMPADRONAMIENTO\nPadrón Municipal de Habitantes\nFecha de alta 04/05/2024",
            "Iberdrola\nFactura de electricidad\nPeriodo de facturación 01/02/2026 - 28/02/2026\nSuministro en C/ Mayor 1",
            "British Gas\nYour bill\nBilling period 1 March 2026 to 31 March 2026\nMeter reading 12345\nAmount due £84.20",
            "St Mary's Housing Trust\nConfirmation of tenancy\nTo whom it may concern: we confirm that \
             Ms Grace Evans is the tenant of the property at 127 Green Lane\nWeekly rent £148.28",
        ],
    );
}

#[test]
fn civil_status() {
    all_are(
        DocClass::CivilStatus,
        &[
            "Mairie de Marseille\nEXTRAIT D'ACTE DE NAISSANCE\navec filiation\nLe 3 mai 2001 est née Inès BENALI\n\
             Délivré par l'officier de l'état civil",
            "REGISTRO CIVIL DE SEVILLA\nCERTIFICACIÓN LITERAL DE INSCRIPCIÓN DE NACIMIENTO\nSección 1ª Tomo 00123",
            "CERTIFIED COPY OF AN ENTRY OF BIRTH\nGeneral Register Office\nRegistration district Leeds\n\
             Birth certificate\nSignature of registrar",
        ],
    );
}

#[test]
fn medical() {
    all_are(
        DocClass::Medical,
        &[
            "Dr Sophie LAMBERT\nMédecine générale RPPS 10001234567\nORDONNANCE\nle 12/03/2026\n\
             AMOXICILLINE 1 g : 1 comprimé 3 fois par jour pendant 7 jours\nRenouvelable 1 fois",
            "RECETA MÉDICA\nServicio de Salud\nMédico: Dra. Ruiz\nPrescripción: Ibuprofeno 600 mg\n\
             Posología: 1 comprimido cada 8 horas",
            "PRESCRIPTION\nDr. James Miller, GP\nAmoxicillin 500 mg capsules\nTake one capsule three times a day\n\
             Refills: 0\nPharmacy use only",
        ],
    );
}

#[test]
fn employment() {
    all_are(
        DocClass::Employment,
        &[
            "CONTRAT DE TRAVAIL A DURÉE INDÉTERMINÉE\nEntre la société BATI-PLUS, ci-après l'employeur,\n\
             et M. Karim BENALI, ci-après le salarié\nPériode d'essai : deux mois\nDurée du travail : 35 heures\n\
             Fait en deux exemplaires",
            "INFORME DE VIDA LABORAL\nTesorería General de la Seguridad Social\nSituación de alta\n\
             Empresa LIMPIEZAS DEL SUR S.L. Fecha de alta 01/02/2024",
            "CONTRACT OF EMPLOYMENT\nThis agreement is between Green Cafe Ltd (the employer) and Aisha Khan (the employee)\n\
             Job title: Barista\nStart date: 1 May 2026\nProbationary period: 3 months\nNotice period: 1 week",
        ],
    );
}

#[test]
fn text_without_a_known_kind_is_other() {
    assert_eq!(
        class_of("Menu du jour\nSoupe à l'oignon 6 €\nTarte aux pommes 4 €"),
        DocClass::Other
    );
    // A "receta" is a recipe as well as a prescription.
    assert_eq!(
        class_of(
            "TALLER DE COCINA DEL MUNDO\n9 de mayo de 2027\nValencia\n\
             ¡Ven a compartir tus recetas! Abierto a todos\nHabrá bebidas y algo de picar"
        ),
        DocClass::Other
    );
    assert_eq!(class_of(""), DocClass::Other);
    assert_eq!(class_of("%%% ### ||| ..."), DocClass::Other);
}

#[test]
fn a_payslip_mentioning_an_identity_card_stays_a_payslip() {
    let text = "BULLETIN DE SALAIRE\nPériode du 01/03/2026 au 31/03/2026\nSalarié : Mme Nadia KOUASSI\n\
        Nom Prénom Date de naissance 04/05/1991 Nationalité ivoirienne\n\
        Pièce d'identité : carte d'identité n° 123456\nSalaire de base 1 801,84\nNet à payer 1 405,03";
    let result = classify(&[text], None);
    assert_eq!(result.class, DocClass::Payslip, "{:?}", result.evidence);
}

#[test]
fn a_benefits_letter_mentioning_a_passport_is_not_a_passport() {
    let text = "Caisse d'allocations familiales\nNom : SOW Prénom : Aminata\nDate de naissance : 12/12/1988\n\
        Nationalité : sénégalaise\nPour continuer à percevoir vos prestations, envoyez-nous une copie de votre\n\
        passeport et de votre titre de séjour en cours de validité.";
    let result = classify(&[text], None);
    assert_eq!(result.class, DocClass::Benefits, "{:?}", result.evidence);
    assert!(
        result
            .evidence
            .contains(&"guard:identity_needs_strong_evidence".to_owned())
    );
}

#[test]
fn a_birth_certificate_with_identity_labels_is_civil_status() {
    let text = "ACTE DE NAISSANCE\nNom : MARTIN Prénoms : Camille\nSexe : F\nDate de naissance : 12/03/1990\n\
        Lieu de naissance : Lyon\nNationalité française";
    assert_eq!(class_of(text), DocClass::CivilStatus);
}

#[test]
fn a_machine_readable_zone_decides_the_identity_class() {
    let passport = parse_lines(&[
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ])
    .unwrap();
    let result = classify(&["UTOPIA Passport/Passeport"], Some(&passport));
    assert_eq!(result.class, DocClass::Passport);
    assert!(result.confidence > 0.9);
    assert!(result.evidence.contains(&"mrz:td3".to_owned()));
    assert_eq!(
        result.fields.get("expiry").map(String::as_str),
        Some("2012-04-15")
    );
    assert_eq!(
        result.fields.get("document_number").map(String::as_str),
        Some("L898902C3")
    );

    let card = [
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ];
    // The zone read only by the page OCR counts too, when its check digits hold.
    let result = classify(&[&card.join("\n")], None);
    assert_eq!(result.class, DocClass::IdentityCard);
    let zone = parse_lines(&card).unwrap();
    let result = classify(&["TITRE DE SÉJOUR\nRÉSIDENT"], Some(&zone));
    assert_eq!(result.class, DocClass::ResidencePermit);

    let permit = parse_lines(&[
        "IRUTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ])
    .unwrap();
    assert_eq!(
        classify(&[""], Some(&permit)).class,
        DocClass::ResidencePermit
    );
}

#[test]
fn a_zone_with_failing_checks_in_the_text_is_not_evidence() {
    // Zone-shaped lines whose check digits fail (as text read through the MRZ alphabet can be).
    let text = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C37UTO7408123F1204151ZE184226B<<<<<13";
    assert_eq!(class_of(text), DocClass::Other);
}

#[test]
fn evidence_carries_no_document_text() {
    let result = classify(&[CNI_FRONT], None);
    for label in &result.evidence {
        for personal in ["martin", "camille", "lyon", "x4rtbpfw4"] {
            assert!(!label.to_lowercase().contains(personal), "{label}");
        }
    }
    assert_eq!(
        result.fields.get("expiry").map(String::as_str),
        Some("2031-07-04")
    );
}

#[test]
fn multi_page_documents_are_read_whole() {
    let result = classify(
        &[
            "Page 1/2\nM. Karim BENALI",
            "BULLETIN DE PAIE\nNet à payer 1 405,03",
        ],
        None,
    );
    assert_eq!(result.class, DocClass::Payslip);
}

#[test]
fn a_carte_vitale_whose_title_ocr_lost_is_known_by_its_social_security_number() {
    let card = "François\nROUSSEL\n1 76 02 36 923 047 44\nCarte émise le 17/07/2015";
    let result = classify(&[card], None);
    assert_eq!(
        result.class,
        DocClass::HealthInsurance,
        "{:?}",
        result.evidence
    );
    assert!(result.evidence.iter().any(|e| e == "nir:valid"));
    // A wrong key is no evidence.
    assert_eq!(
        class_of("François\nROUSSEL\n1 76 02 36 923 047 45\nCarte émise le 17/07/2015"),
        DocClass::Other
    );
}

#[test]
fn english_discharge_summaries_and_employment_references() {
    all_are(
        DocClass::Medical,
        &[
            "Hillview Medical Centre\nDr Chloe Kelly\nGMC 0079085\n5 August 2026\n\
           Patient : Liam Walsh\nDate of birth : 02 Mar 1981\nNHS number : 994 280 5155\n\
           Discharge summary\nAdmitted on 2 August for observation.",
        ],
    );
    all_are(
        DocClass::Employment,
        &[
            "City Fresh Foods plc\nHigh Street\n21 June 2025\nEmployment reference\n\
           To whom it may concern,\nWe confirm that Daniel Edwards was employed by City Fresh \
           Foods plc as a kitchen porter from 27 June 2015 to 21 June 2025.\nYours faithfully,",
        ],
    );
}

/// Photographed pages whose title OCR lost or garbled: the body's wording still tells the
/// kind (texts as tesseract read them from generated photos).
#[test]
fn photographed_pages_known_by_their_body_when_the_title_is_lost() {
    all_are(
        DocClass::Medical,
        &[
            "Dr Jean-Pierre GIRARD\nMeédecin generainte\nN° APPS 66558852031\n\
             Compte rendu de consultation\nMotif de consultation\nSuivi de diabéte de type 2\n\
             Examen clinique\nTension arténelle 13/8. Auscultation cardio-pulmonaire normale",
            "Riverside Medical Centr\n23 Feb 2025\nDiagnosis\nCommunity-acquired pneumonia, \
             treated with oral antibiotics\nFollow-up\nGP review in two weeks\nPrescriber's signature",
        ],
    );
    all_are(
        DocClass::CivilStatus,
        &[
            "Nombre Sergio GARCIA NAVARRO Varón\nFecha nacimiento 23 de octubre de 1987\n\
           El Encargado del Registro Civil certifica que la presente certificación reproduce \
           literalmente el assento obrante en este Registro.",
            "| Samuel Brown\n4 February 2004\n|Sarah Evans\n| Bristol\n\
             Certified to be a true copy of an entry in a register in my custody.\n\
             Given at the General Register Office, under the seal of the said\n\
             CAUTION: THERE ARE OFFENCES RELATING TO FALSIFYING OR\n\
             ALTERING A CERTIFICATE AND USING OR POSSESSING A FALSE",
        ],
    );
    all_are(
        DocClass::HealthInsurance,
        &[
            "w\na\nOU\nName: WILSON\nGiven names: SARAH\nDate of birth: 02/07/2004\n\
           Personal identification number: 1127974826\nNU Institution: NHSBSA\n\
           Card number: 19174118315641127430\nExpiry date: 17/08/2028",
        ],
    );
    all_are(
        DocClass::Benefits,
        &["05/2023 Prestación contributiva por desempleo 1.321,08\n\
           04/2023 Prestación contributiva por desempleo 1.002,58\n\
           Y para que así conste a petición de la persona interesada, se expide el presente certificado."],
    );
}
