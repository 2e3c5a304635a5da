package com.munityapps.secrets.spring.testapp.plain;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with nothing but auto-configuration (the starter's included). */
@SpringBootApplication
public class PlainApplication {}
