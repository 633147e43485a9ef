package io.passerelle.dossiersetup;

import java.time.Instant;
import java.util.List;

/** The document tree a dossier was given, with the folders the template had at that moment. */
public record DocumentTreeView(String code, String name, List<String> folders, Instant chosenAt) {}
